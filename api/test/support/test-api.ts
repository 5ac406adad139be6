import { apiEnvSchema, createLogger, loadConfig } from '@sluice/common';
import { startApi, type RunningApi } from '../../src/bootstrap.js';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The whole API as `main.ts` starts it, on free ports, silent; `app.close()` it. */
export function startTestApi(databaseUrl: string, redisUrl = TEST_REDIS_URL): Promise<RunningApi> {
  const config = loadConfig(apiEnvSchema, {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    // CI's Redis persists nothing: the queue path is what these tests are about.
    USAGE_VOLATILE_ACK: 'true',
    API_GRPC_ADDR: '127.0.0.1:0',
    API_HTTP_ADDR: '127.0.0.1:0',
    LOG_LEVEL: 'silent',
    LOG_FORMAT: 'json',
  });
  return startApi(config, createLogger(config, 'api-test'));
}
