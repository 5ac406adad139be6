import { resolve } from 'node:path';
import {
  createLogger,
  devEnvSchema,
  loadConfigOrExit,
  stopOnSignals,
  type DevEnv,
  type Logger,
} from '@sluice/common';
import { runMigrations, startApi, type ApiConfig } from '@sluice/api';
import { banner } from '../dev/banner.js';
import { lockDataDir, type DataDirLock } from '../dev/data-dir-lock.js';
import { EmbeddedPostgres } from '../dev/embedded-postgres.js';
import { localEndpoints } from '../dev/fake-backends.js';
import { localRedis } from '../dev/local-redis.js';
import { localToken } from '../dev/local-token.js';
import { startLocalWorld, type LocalWorld } from '../dev/local-world.js';
import { PrivateRedis } from '../dev/private-redis.js';

async function databaseUrl(
  url: string | undefined,
  postgres: EmbeddedPostgres,
  logger: Logger,
): Promise<string> {
  if (url) {
    logger.info('Using DATABASE_URL');
    return url;
  }
  return postgres.start();
}

/** With KUBECONFIG set, the API follows that cluster (its own operator) and nothing local starts. */
async function localWorld(env: DevEnv, logger: Logger): Promise<LocalWorld | undefined> {
  if (env.KUBECONFIG) {
    logger.info({ kubeconfig: env.KUBECONFIG }, 'Using the cluster named by KUBECONFIG');
    return undefined;
  }
  return startLocalWorld(env, logger);
}

/** The API's settings: the URLs local mode resolved, and its local world when it runs one. */
function apiSettings(base: ApiConfig, world: LocalWorld | undefined, lock: DataDirLock): ApiConfig {
  if (!world) return base;
  const previous = lock.previousRunEndedAt;
  return {
    ...base,
    KUBECONFIG: world.kubeconfigPath,
    localEndpoints: localEndpoints(world.backends),
    ...(previous && { previousLocalRunEndedAt: previous }),
  };
}

/**
 * Local mode: everything on embedded defaults. Without DATABASE_URL a real PostgreSQL starts from
 * the embedded-postgres binaries under SLUICE_DATA_DIR; without REDIS_URL a private redis-server;
 * without KUBECONFIG the Kubernetes-API test server, the examples, fake backends and the operator
 * (local-world.ts). Migrations run, the API starts, and an admin token is written. Ctrl-C stops
 * everything in reverse order: the API first, the database last.
 */
export async function dev(): Promise<void> {
  const env = loadConfigOrExit(devEnvSchema, 'sluice dev');
  const logger = createLogger(env, 'dev');
  let lock: DataDirLock | undefined;
  const postgres = new EmbeddedPostgres({
    dataDir: resolve(env.SLUICE_DATA_DIR, 'postgres'),
    port: env.EMBEDDED_POSTGRES_PORT,
    database: 'sluice',
    logger,
  });
  const privateRedis = new PrivateRedis({ dir: resolve(env.SLUICE_DATA_DIR, 'redis'), logger });
  let world: LocalWorld | undefined;
  try {
    lock = lockDataDir(resolve(env.SLUICE_DATA_DIR), !env.KUBECONFIG);
    const url = await databaseUrl(env.DATABASE_URL, postgres, logger);
    await runMigrations(url, logger);
    const redis = await localRedis(env.REDIS_URL, privateRedis, logger);
    const devEnv: DevEnv = { ...env, DATABASE_URL: url, REDIS_URL: redis.url };
    world = await localWorld(devEnv, logger);
    const settings = apiSettings(
      { ...devEnv, DATABASE_URL: url, REDIS_URL: redis.url },
      world,
      lock,
    );
    const api = await startApi(settings, createLogger(env, 'api'));
    world?.startKeda(`${api.httpUrl}/metrics`);
    const tokenFile = resolve(env.SLUICE_DATA_DIR, 'token');
    await localToken(api.app, tokenFile);
    process.stdout.write(
      banner({
        grpc: api.grpcAddress,
        http: api.httpUrl,
        tokenFile,
        kubeconfig: world?.kubeconfigPath,
        existingCluster: env.KUBECONFIG,
        backends: world?.backends ?? [],
        redis,
      }),
    );
    const running = world;
    const stop = async (): Promise<void> => {
      await api.app.close();
      await running?.stop();
      await privateRedis.stop();
      await postgres.stop();
      lock?.release();
    };
    stopOnSignals(stop, { logger, timeoutMs: env.SHUTDOWN_TIMEOUT_SECONDS * 1000 });
  } catch (error) {
    logger.fatal({ err: error }, 'Local mode failed to start');
    await world?.stop();
    await privateRedis.stop();
    await postgres.stop();
    lock?.release();
    process.exit(1);
  }
}
