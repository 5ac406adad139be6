import { pathToFileURL } from 'node:url';
import { apiEnvSchema, createLogger, loadConfigOrExit, type Logger } from '@sluice/common';
import { DataSource, MigrationExecutor } from 'typeorm';
import { errorMessage } from '../util/error-message.js';
import { dataSourceOptions } from './data-source-options.js';

// Any constant works; it only has to be the same for every process migrating this database.
const MIGRATION_LOCK_KEY = 7_326_140_001;

/**
 * Runs `work` on a short-lived DataSource. Up and down hold a session advisory lock, so replicas
 * started together (one init container each) migrate one after the other instead of racing.
 */
async function withDataSource<T>(
  url: string,
  work: (dataSource: DataSource) => Promise<T>,
  locked: boolean,
): Promise<T> {
  // Two connections: one holds the lock, TypeORM runs the migrations on the other.
  const options = dataSourceOptions({ DATABASE_URL: url, DATABASE_POOL_SIZE: 2 });
  const dataSource = new DataSource({ ...options, applicationName: 'sluice-migrate' });
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    if (locked) await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await work(dataSource);
  } finally {
    // destroy() ends the pool's sessions, which releases the lock: no unlock to forget.
    await lock.release();
    await dataSource.destroy();
  }
}

/** Applies pending migrations in order; returns the names applied (none when up to date). */
export function runMigrations(url: string, logger?: Logger): Promise<string[]> {
  return withDataSource(
    url,
    async (dataSource) => {
      const applied = (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
      for (const name of applied) logger?.info({ migration: name }, 'Applied migration');
      if (applied.length === 0) logger?.info('Database schema was already up to date');
      return applied;
    },
    true,
  );
}

/** Reverts the most recently applied migration; returns its name, or undefined if none was applied. */
export function revertLastMigration(url: string, logger?: Logger): Promise<string | undefined> {
  return withDataSource(
    url,
    async (dataSource) => {
      const [last] = await new MigrationExecutor(dataSource).getExecutedMigrations();
      if (last === undefined) {
        logger?.info('No migration to revert');
        return undefined;
      }
      await dataSource.undoLastMigration({ transaction: 'each' });
      logger?.info({ migration: last.name }, 'Reverted migration');
      return last.name;
    },
    true,
  );
}

/** Names of the migrations not yet applied, in the order they would run. */
export function pendingMigrations(url: string): Promise<string[]> {
  return withDataSource(
    url,
    async (dataSource) =>
      (await new MigrationExecutor(dataSource).getPendingMigrations()).map((m) => m.name),
    false,
  );
}

type Command = (url: string, logger: Logger) => Promise<unknown>;

const COMMANDS: Record<string, Command> = {
  up: runMigrations,
  down: revertLastMigration,
  status: async (url, logger) => {
    const pending = await pendingMigrations(url);
    logger.info(
      { pending },
      pending.length === 0 ? 'No pending migrations' : 'Found pending migrations',
    );
  },
};

/** `node api/dist/database/migrate.js [up|down|status]`: returns the exit code. */
async function main(name: string): Promise<number> {
  const command = COMMANDS[name];
  if (command === undefined) {
    process.stderr.write(
      `sluice-migrate: unknown command "${name}"; expected up, down or status\n`,
    );
    return 64; // EX_USAGE
  }
  const config = loadConfigOrExit(
    apiEnvSchema.pick({ DATABASE_URL: true, LOG_LEVEL: true, LOG_FORMAT: true }),
    'sluice-migrate',
  );
  const logger = createLogger(config, 'migrate');
  try {
    await command(config.DATABASE_URL, logger);
    return 0;
  } catch (error) {
    logger.error({ command: name, err: errorMessage(error) }, 'Migration command failed');
    return 1;
  }
}

const script = process.argv[1];
if (script !== undefined && import.meta.url === pathToFileURL(script).href) {
  // exitCode rather than exit(): lets pino's transport flush the last lines.
  process.exitCode = await main(process.argv[2] ?? 'up');
}
