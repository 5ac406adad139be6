// Throwaway PostgreSQL state for the integration tests (api/test) and the benchmarks (api/bench),
// which import the API as built: a database of its own, dropped afterwards, and tenant rows of
// their own, so runs in parallel never see each other's data.
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../database/data-source-options.js';

/** Where throwaway databases are created; any database the user may connect to will do. */
export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  /** Creates it; `testDatabase()` alone only reserves a name, for "not there yet" tests. */
  create(): Promise<void>;
  /** Disconnects whoever is still connected and drops it; safe if it was never created. */
  drop(): Promise<void>;
}

async function asAdmin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** `prefix` tells whose leftovers a database is, should a run be killed before dropping it. */
export function testDatabase(prefix = 'sluice_it'): TestDatabase {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    create: () => asAdmin(`CREATE DATABASE "${name}"`),
    // WITH (FORCE) (PostgreSQL 13+) terminates the remaining sessions first.
    drop: () => asAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

export async function createTestDatabase(prefix?: string): Promise<TestDatabase> {
  const database = testDatabase(prefix);
  await database.create();
  return database;
}

/** A DataSource on `url` with the real entities, as the API opens it. `destroy()` it. */
export async function openDataSource(url: string, poolSize = 4): Promise<DataSource> {
  const dataSource = new DataSource(
    dataSourceOptions({ DATABASE_URL: url, DATABASE_POOL_SIZE: poolSize }),
  );
  await dataSource.initialize();
  return dataSource;
}

/** A tenant row of its own, so runs sharing a database never see each other's usage. */
export async function createTenant(dataSource: DataSource, name = 't'): Promise<string> {
  const id = randomUUID();
  await dataSource.query('INSERT INTO tenants (id, name) VALUES ($1, $2)', [
    id,
    `${name}-${id.slice(0, 8)}`,
  ]);
  return id;
}
