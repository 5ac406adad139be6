import { apiEnvSchema, createLogger, loadConfig } from '@sluice/common';
import { startApi, type RunningApi } from '../../dist/bootstrap.js';
import { runMigrations } from '../../dist/database/migrate.js';
import { createScratchDatabase, type ScratchDatabase } from './scratch.js';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The whole API in this process on a throwaway, migrated database and the local Redis. */
export interface BenchApi {
  readonly api: RunningApi;
  readonly db: ScratchDatabase;
  close(): Promise<void>;
}

export async function startBenchApi(): Promise<BenchApi> {
  const db = await createScratchDatabase();
  try {
    await runMigrations(db.url);
    const config = loadConfig(apiEnvSchema, {
      DATABASE_URL: db.url,
      REDIS_URL,
      API_GRPC_ADDR: '127.0.0.1:0',
      API_HTTP_ADDR: '127.0.0.1:0',
      LOG_LEVEL: 'silent',
      LOG_FORMAT: 'json',
    });
    const api = await startApi(config, createLogger(config, 'api-bench'));
    return {
      api,
      db,
      close: async () => {
        await api.app.close();
        await db.drop();
      },
    };
  } catch (error) {
    await db.drop();
    throw error;
  }
}
