import { apiEnvSchema, createLogger, loadConfigOrExit } from '@sluice/common';
import { pendingMigrations, revertLastMigration, runMigrations } from '@sluice/api';

const migrateEnvSchema = apiEnvSchema.pick({
  DATABASE_URL: true,
  LOG_LEVEL: true,
  LOG_FORMAT: true,
});

/** Applies (up), reverts the last (down) or lists pending (status) migrations on DATABASE_URL. */
export async function migrate(direction: 'up' | 'down' | 'status'): Promise<void> {
  const env = loadConfigOrExit(migrateEnvSchema, 'sluice migrate');
  const logger = createLogger(env, 'migrate');
  if (direction === 'up') await runMigrations(env.DATABASE_URL, logger);
  if (direction === 'down') await revertLastMigration(env.DATABASE_URL, logger);
  if (direction === 'status') {
    const pending = await pendingMigrations(env.DATABASE_URL);
    process.stdout.write(
      pending.length ? `Pending:\n${pending.map((n) => `  ${n}\n`).join('')}` : 'Up to date\n',
    );
  }
}
