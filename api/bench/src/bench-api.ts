import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import { apiEnvSchema, createLogger, loadConfig } from '@sluice/common';
import { AppModule } from '../../dist/app.module.js';
import { API_CONFIG, type ApiConfig } from '../../dist/config/api-config.js';
import { runMigrations } from '../../dist/database/migrate.js';
import { GrpcServer } from '../../dist/grpc/grpc-server.js';
import { ApiTokensRepository } from '../../dist/modules/apitokens/api-tokens.repository.js';
import { TenantsRepository } from '../../dist/modules/tenants/tenants.repository.js';
import { KubeClients } from '../../dist/kube/kube-clients.js';
import { USAGE_INGEST_SETTINGS } from '../../dist/modules/ledger/ledger.module.js';
import { UsageIngestQueue } from '../../dist/modules/ledger/usage-ingest.queue.js';
import { ROUTING_VIEW, type RoutingView } from '../../dist/modules/routing/routing-view.js';
import { REDIS } from '../../dist/queue/redis.module.js';
import { forgetTenant, obliterateQueue } from './redis-cleanup.js';
import { createScratchDatabase, type ScratchDatabase } from './scratch.js';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The whole API in this process on a throwaway, migrated database and the local Redis. */
export interface BenchApi {
  readonly app: INestApplication;
  readonly grpcAddress: string;
  readonly db: ScratchDatabase;
  /** A new tenant and an API token of its (the token as a client sends it). */
  tenant(name: string): Promise<{ readonly id: string; readonly token: string }>;
  /** Stops the API and removes its database, its usage queue and its tenants' Redis keys. */
  close(): Promise<void>;
}

function tenants(app: INestApplication, created: string[]): BenchApi['tenant'] {
  return async (name) => {
    const tenant = await app.get(TenantsRepository).create({ name });
    created.push(tenant.id);
    const { token } = await app.get(ApiTokensRepository).issue({ tenantId: tenant.id, name });
    return { id: tenant.id, token };
  };
}

/**
 * AppModule as `startApi` starts it, except for a few providers: no cluster (not even one a
 * kubeconfig in $HOME names), so the routing policies come from `view` instead of informers, as
 * in the Router's tests; and usage goes to a queue of its own, since the default one may be
 * another local API's, whose reports this API's worker would take and fail to book here.
 */
async function startApp(
  url: string,
  view: RoutingView,
  queueName: string,
): Promise<INestApplication> {
  const config = loadConfig(apiEnvSchema, {
    DATABASE_URL: url,
    REDIS_URL,
    API_GRPC_ADDR: '127.0.0.1:0',
    API_HTTP_ADDR: '127.0.0.1:0',
    LOG_LEVEL: 'silent',
    LOG_FORMAT: 'json',
  });
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot(config, createLogger(config, 'api-bench'))],
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
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  app.useLogger(app.get(NestPinoLogger));
  await app.listen(0, '127.0.0.1');
  return app;
}

export async function startBenchApi(view: RoutingView): Promise<BenchApi> {
  const db = await createScratchDatabase();
  const queueName = `sluice-bench-usage-${randomUUID()}`;
  try {
    await runMigrations(db.url);
    const app = await startApp(db.url, view, queueName);
    const created: string[] = [];
    const close = async () => {
      await app.close();
      await obliterateQueue(REDIS_URL, queueName);
      for (const id of created) await forgetTenant(REDIS_URL, id);
      await db.drop();
    };
    const grpcAddress = `127.0.0.1:${app.get(GrpcServer).port}`;
    return { app, grpcAddress, db, tenant: tenants(app, created), close };
  } catch (error) {
    await db.drop();
    throw error;
  }
}
