import type { DataSourceOptions } from 'typeorm';
import { ENTITIES, MIGRATIONS } from './schema.js';

/** The postgres member of TypeORM's options union, so callers can add driver-specific settings. */
export type PostgresDataSourceOptions = Extract<DataSourceOptions, { type: 'postgres' }>;

export interface DatabaseEnv {
  readonly DATABASE_URL: string;
  readonly DATABASE_POOL_SIZE: number;
}

/** Without it, a PostgreSQL that drops packets would hold start-up and probes for minutes. */
const CONNECT_TIMEOUT_MS = 5000;

/** TypeORM settings for the API and the migration runner; the schema changes only by migrations. */
export function dataSourceOptions(env: DatabaseEnv): PostgresDataSourceOptions {
  return {
    type: 'postgres',
    url: env.DATABASE_URL,
    applicationName: 'sluice-api',
    connectTimeoutMS: CONNECT_TIMEOUT_MS,
    extra: { max: env.DATABASE_POOL_SIZE },
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'sluice_migrations',
    // A failed migration rolls back alone; the ones before it stay applied and recorded.
    migrationsTransactionMode: 'each',
    migrationsRun: false,
    synchronize: false,
    // gen_random_uuid() is built in since PostgreSQL 13; the migrations create what they need,
    // and the API's database user need not be allowed to CREATE EXTENSION.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
  };
}
