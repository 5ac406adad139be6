// The whole API in this process, as `sluice dev` runs it, for the CLI's integration tests: real
// PostgreSQL (a throwaway database) and Redis, routing policies from an in-memory RoutingView
// instead of a cluster, a usage queue of its own, and one tenant with an admin token.
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { apiEnvSchema, createLogger, loadConfig } from '@sluice/common';
import { AppModule } from '../../../api/src/app.module.js';
import { API_CONFIG, type ApiConfig } from '../../../api/src/config/api-config.js';
import { runMigrations } from '../../../api/src/database/migrate.js';
import { GrpcServer } from '../../../api/src/grpc/grpc-server.js';
import { KubeClients } from '../../../api/src/kube/kube-clients.js';
import { ApiTokensRepository } from '../../../api/src/modules/apitokens/api-tokens.repository.js';
import { USAGE_INGEST_SETTINGS } from '../../../api/src/modules/ledger/ledger.module.js';
import { LedgerRepository } from '../../../api/src/modules/ledger/ledger.repository.js';
import { UsageIngestQueue } from '../../../api/src/modules/ledger/usage-ingest.queue.js';
import { ROUTING_VIEW, type RoutingView } from '../../../api/src/modules/routing/routing-view.js';
import { TenantsRepository } from '../../../api/src/modules/tenants/tenants.repository.js';
import { REDIS } from '../../../api/src/queue/redis.module.js';
import { createTestDatabase, type TestDatabase } from '../../../api/test/support/test-database.js';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface DemoApi {
  readonly app: INestApplication;
  readonly address: string;
  /** An admin API token of the test's tenant, as a client sends it. */
  readonly token: string;
  readonly ledger: LedgerRepository;
  close(): Promise<void>;
}

async function startApp(url: string, view: RoutingView, queueName: string) {
  const config = loadConfig(apiEnvSchema, {
    DATABASE_URL: url,
    REDIS_URL,
    API_GRPC_ADDR: '127.0.0.1:0',
    API_HTTP_ADDR: '127.0.0.1:0',
    LOG_LEVEL: 'silent',
    LOG_FORMAT: 'json',
  });
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot(config, createLogger(config, 'cli-test'))],
  })
    .overrideProvider(KubeClients)
    .useValue({ connection: undefined })
    .overrideProvider(ROUTING_VIEW)
    .useValue(view)
    .overrideProvider(USAGE_INGEST_SETTINGS)
    .useFactory({
      inject: [API_CONFIG],
      factory: (c: ApiConfig) => ({ queueName, redisUrl: c.REDIS_URL }),
    })
    .overrideProvider(UsageIngestQueue)
    .useFactory({
      inject: [REDIS],
      factory: (redis: Redis) => new UsageIngestQueue(redis, queueName),
    })
    .compile();
  const app = moduleRef.createNestApplication();
  await app.listen(0, '127.0.0.1');
  return app;
}

export async function startDemoApi(view: RoutingView): Promise<DemoApi> {
  const db: TestDatabase = await createTestDatabase();
  const queueName = `cli-it-usage-${randomUUID()}`;
  await runMigrations(db.url);
  const app = await startApp(db.url, view, queueName);
  const tenant = await app.get(TenantsRepository).create({ name: `cli-${randomUUID()}` });
  const issued = await app
    .get(ApiTokensRepository)
    .issue({ tenantId: tenant.id, name: 'cli-admin', admin: true });
  return {
    app,
    address: `127.0.0.1:${app.get(GrpcServer).port}`,
    token: issued.token,
    ledger: app.get(LedgerRepository),
    close: async () => {
      await app.close();
      const queue = new Queue(queueName, { connection: { url: REDIS_URL } });
      await queue.obliterate({ force: true });
      await queue.close();
      await db.drop();
    },
  };
}
