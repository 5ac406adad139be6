// The whole API in this process, as `sluice dev` runs it, for the CLI's integration tests: real
// PostgreSQL (a throwaway database) and Redis, routing policies from an in-memory RoutingView
// instead of a cluster, a usage queue of its own, and one tenant with an admin token.
import type { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { runMigrations } from '../../../api/src/database/migrate.js';
import { GrpcServer } from '../../../api/src/grpc/grpc-server.js';
import { ApiTokensRepository } from '../../../api/src/modules/apitokens/api-tokens.repository.js';
import { LedgerRepository } from '../../../api/src/modules/ledger/ledger.repository.js';
import type { RoutingView } from '../../../api/src/modules/routing/routing-view.js';
import { TenantsRepository } from '../../../api/src/modules/tenants/tenants.repository.js';
import { startInProcessApi } from '../../../api/src/testing/in-process-api.js';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../../api/src/testing/throwaway-database.js';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface DemoApi {
  readonly app: INestApplication;
  readonly address: string;
  /** An admin API token of the test's tenant, as a client sends it. */
  readonly token: string;
  readonly ledger: LedgerRepository;
  /** The API's throwaway database, for commands that talk to it directly. */
  readonly databaseUrl: string;
  /** Where the HTTP side listens (the unit-economics page and its data), "http://127.0.0.1:port". */
  readonly httpUrl: string;
  close(): Promise<void>;
}

/**
 * A clock for the API's economics that a test moves forward: real time plus what the test added,
 * so "five minutes later" needs no five minutes.
 */
export class FakeClock {
  private offsetMs = 0;
  readonly now = (): Date => new Date(Date.now() + this.offsetMs);
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export async function startDemoApi(
  view: RoutingView,
  clock: FakeClock = new FakeClock(),
): Promise<DemoApi> {
  const db: TestDatabase = await createTestDatabase();
  const queueName = `cli-it-usage-${randomUUID()}`;
  await runMigrations(db.url);
  const app = await startInProcessApi({
    databaseUrl: db.url,
    redisUrl: REDIS_URL,
    view,
    queueName,
    logName: 'cli-test',
    economicsClock: clock.now,
  });
  const tenant = await app.get(TenantsRepository).create({ name: `cli-${randomUUID()}` });
  const issued = await app
    .get(ApiTokensRepository)
    .issue({ tenantId: tenant.id, name: 'cli-admin', admin: true });
  return {
    app,
    address: `127.0.0.1:${app.get(GrpcServer).port}`,
    token: issued.token,
    ledger: app.get(LedgerRepository),
    databaseUrl: db.url,
    httpUrl: await app.getUrl(),
    close: async () => {
      await app.close();
      const queue = new Queue(queueName, { connection: { url: REDIS_URL } });
      await queue.obliterate({ force: true });
      await queue.close();
      await db.drop();
    },
  };
}
