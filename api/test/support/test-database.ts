import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Where test databases are created; any database the user may connect to will do. */
export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A database of its own for one test file, so files can run in parallel and leave nothing behind. */
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

export function testDatabase(): TestDatabase {
  const name = `sluice_it_${randomBytes(6).toString('hex')}`;
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

export async function createTestDatabase(): Promise<TestDatabase> {
  const database = testDatabase();
  await database.create();
  return database;
}
