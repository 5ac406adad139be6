import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { runMigrations } from '../../dist/database/migrate.js';
import { GrpcServer } from '../../dist/grpc/grpc-server.js';
import { ApiTokensRepository } from '../../dist/modules/apitokens/api-tokens.repository.js';
import { TenantsRepository } from '../../dist/modules/tenants/tenants.repository.js';
import type { RoutingView } from '../../dist/modules/routing/routing-view.js';
import { startInProcessApi } from '../../dist/testing/in-process-api.js';
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

export async function startBenchApi(
  view: RoutingView,
  env: Readonly<Record<string, string>> = {},
): Promise<BenchApi> {
  const db = await createScratchDatabase();
  const queueName = `sluice-bench-usage-${randomUUID()}`;
  try {
    await runMigrations(db.url);
    const app = await startInProcessApi({
      databaseUrl: db.url,
      redisUrl: REDIS_URL,
      view,
      queueName,
      logName: 'api-bench',
      env,
    });
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
