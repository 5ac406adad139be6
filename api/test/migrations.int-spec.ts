import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { pendingMigrations, revertLastMigration, runMigrations } from '../src/database/migrate.js';
import { MIGRATIONS } from '../src/database/schema.js';
import { TENANT_CONSTRAINTS } from '../src/modules/tenants/tenant.entity.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const ALL = MIGRATIONS.map((migration) => new migration().name);

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

async function tenantsTableExists(url: string): Promise<boolean> {
  const [row] = await query<{ exists: boolean }>(
    url,
    `select to_regclass('public.tenants') is not null as exists`,
  );
  return row?.exists === true;
}

/** What TypeORM would change to make the database match the entities: nothing, if they agree. */
async function schemaDrift(url: string): Promise<string[]> {
  const dataSource = new DataSource(
    dataSourceOptions({ DATABASE_URL: url, DATABASE_POOL_SIZE: 1 }),
  );
  await dataSource.initialize();
  try {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return sql.upQueries.map((q) => q.query);
  } finally {
    await dataSource.destroy();
  }
}

describe('migrations', () => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await createTestDatabase();
  });

  afterEach(async () => {
    await db.drop();
  });

  it('create the tenants table with every column', async () => {
    await expect(pendingMigrations(db.url)).resolves.toEqual(ALL);
    await expect(runMigrations(db.url)).resolves.toEqual(ALL);

    const columns = await query<Record<string, string>>(
      db.url,
      `select column_name, data_type, is_nullable, column_default from information_schema.columns
       where table_schema = 'public' and table_name = 'tenants' order by ordinal_position`,
    );
    expect(columns).toEqual([
      {
        column_name: 'id',
        data_type: 'uuid',
        is_nullable: 'NO',
        column_default: 'gen_random_uuid()',
      },
      { column_name: 'name', data_type: 'text', is_nullable: 'NO', column_default: null },
      { column_name: 'display_name', data_type: 'text', is_nullable: 'YES', column_default: null },
      { column_name: 'tags', data_type: 'jsonb', is_nullable: 'NO', column_default: "'{}'::jsonb" },
      {
        column_name: 'created_at',
        data_type: 'timestamp with time zone',
        is_nullable: 'NO',
        column_default: 'now()',
      },
      {
        column_name: 'updated_at',
        data_type: 'timestamp with time zone',
        is_nullable: 'NO',
        column_default: 'now()',
      },
    ]);
    await expect(pendingMigrations(db.url)).resolves.toEqual([]);
  });

  it('leave nothing for the entities to change', async () => {
    await runMigrations(db.url);
    await expect(schemaDrift(db.url)).resolves.toEqual([]);
  });

  // TypeORM does not compare single-column unique constraint names; the repository relies on them.
  it('name the constraints the entity and repository refer to', async () => {
    await runMigrations(db.url);
    const rows = await query<{ conname: string }>(
      db.url,
      `select conname from pg_constraint where conrelid = 'public.tenants'::regclass order by conname`,
    );
    expect(rows.map((row) => row.conname)).toEqual(
      ['tenants_pkey', ...Object.values(TENANT_CONSTRAINTS)].sort(),
    );
  });

  it('apply nothing the second time', async () => {
    await runMigrations(db.url);
    await expect(runMigrations(db.url)).resolves.toEqual([]);
  });

  it('apply each migration once when two runners start together', async () => {
    const results = await Promise.all([runMigrations(db.url), runMigrations(db.url)]);
    expect(results.flat()).toEqual(ALL);
  });

  it('revert one by one, newest first, until no table is left', async () => {
    await runMigrations(db.url);
    const reverted: string[] = [];
    for (
      let name = await revertLastMigration(db.url);
      name;
      name = await revertLastMigration(db.url)
    ) {
      reverted.push(name);
    }
    expect(reverted).toEqual([...ALL].reverse());
    await expect(tenantsTableExists(db.url)).resolves.toBe(false);
    await expect(pendingMigrations(db.url)).resolves.toEqual(ALL);
  });
});
