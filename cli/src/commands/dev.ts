import { resolve } from 'node:path';
import {
  createLogger,
  devEnvSchema,
  loadConfigOrExit,
  stopOnSignals,
  type Logger,
} from '@sluice/common';
import { runMigrations, startApi } from '@sluice/api';
import { EmbeddedPostgres } from '../dev/embedded-postgres.js';

function banner(grpc: string, http: string): string {
  return [
    '',
    'Sluice is running locally.',
    `  gRPC API     ${grpc}   (try: npx sluice health --address ${grpc})`,
    `  HTTP         ${http}/healthz  ${http}/readyz  ${http}/metrics`,
    '  Stop with Ctrl-C.',
    '',
  ].join('\n');
}

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

/**
 * Local mode: everything on embedded defaults. Without DATABASE_URL a real PostgreSQL starts from
 * the embedded-postgres binaries under SLUICE_DATA_DIR; migrations run; then the API starts.
 * Ctrl-C drains the API first and stops the database last.
 */
export async function dev(): Promise<void> {
  const env = loadConfigOrExit(devEnvSchema, 'sluice dev');
  const logger = createLogger(env, 'dev');
  const postgres = new EmbeddedPostgres({
    dataDir: resolve(env.SLUICE_DATA_DIR, 'postgres'),
    port: env.EMBEDDED_POSTGRES_PORT,
    database: 'sluice',
    logger,
  });
  try {
    const url = await databaseUrl(env.DATABASE_URL, postgres, logger);
    await runMigrations(url, logger);
    const api = await startApi({ ...env, DATABASE_URL: url }, createLogger(env, 'api'));
    process.stdout.write(banner(api.grpcAddress, api.httpUrl));
    const stop = async (): Promise<void> => {
      await api.app.close();
      await postgres.stop();
    };
    stopOnSignals(stop, { logger, timeoutMs: env.SHUTDOWN_TIMEOUT_SECONDS * 1000 });
  } catch (error) {
    logger.fatal({ err: error }, 'Local mode failed to start');
    await postgres.stop();
    process.exit(1);
  }
}
