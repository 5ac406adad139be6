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

/** Reverts newest first until `name` is reverted; fails if it never comes. */
async function revertUntil(url: string, name: string): Promise<void> {
  for (let reverted = await revertLastMigration(url); reverted !== name;) {
    if (reverted === undefined) throw new Error(`${name} was never reverted`);
    reverted = await revertLastMigration(url);
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

  // economics.proto counts shadow calls apart; the rollup must keep them in their own rows.
  it('mark shadow calls on decisions, usage and the rollup, which keys on the mark', async () => {
    await runMigrations(db.url);
    const columns = await query<Record<string, string>>(
      db.url,
      `select table_name, data_type, is_nullable, column_default from information_schema.columns
       where table_schema = 'public' and column_name = 'shadow' order by table_name`,
    );
    expect(columns).toEqual(
      ['route_decisions', 'usage_hourly', 'usage_records'].map((table_name) => ({
        table_name,
        data_type: 'boolean',
        is_nullable: 'NO',
        column_default: 'false',
      })),
    );
    const [key] = await query<{ columns: string[] }>(
      db.url,
      `select array_agg(a.attname::text order by a.attname) as columns
       from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
       where c.conname = 'usage_hourly_pkey'`,
    );
    expect(key?.columns).toEqual([
      'cache_kind',
      'hour',
      'model_name',
      'model_namespace',
      'shadow',
      'tags_hash',
      'template',
      'tenant_id',
      'tier',
    ]);
  });

  it('revert by handing the rollup back to the raw rows it came from', async () => {
    await runMigrations(db.url);
    const tenant = '6f1c1d7e-9a55-4b7e-8a3e-2f4a1d0c9b11';
    await query(db.url, `insert into tenants (id, name) values ('${tenant}', 'shadow-revert')`);
    const decision = '0b7e4a52-3c1d-4e8f-9a6b-5d2c1e0f7a33';
    const row = (key: string, shadow: boolean) =>
      `('${tenant}', '${key}', '${decision}', 'ml', 'm', 'small', 'none', 10, 0, 1, 5, 'ok',
        'token', 0.5, '{}', '2026-11-02T10:00:00Z', now(), ${shadow})`;
    await query(
      db.url,
      `insert into usage_records (tenant_id, idempotency_key, decision_id, model_namespace,
         model_name, tier, cache_kind, input_tokens, cached_input_tokens, output_tokens,
         latency_ms, status, pricing, cost_usd, tags, occurred_at, rolled_up_at, shadow)
       values ${row('q', false)}, ${row('s', true)}`,
    );
    await query(
      db.url,
      `insert into usage_hourly (hour, tenant_id, model_namespace, model_name, tier, cache_kind,
         template, tags_hash, shadow, tags, requests, failed_requests, input_tokens,
         cached_input_tokens, output_tokens, latency_ms_sum, cost_usd, baseline_cost_usd,
         baseline_requests, no_cache_cost_usd)
       select '2026-11-02T10:00:00Z', '${tenant}', 'ml', 'm', 'small',
         'none', '', md5('{}'), s, '{}', 1, 0, 10, 0, 1, 5, 0.5, 0, 0, 0
       from (values (false), (true)) v(s)`,
    );
    await revertUntil(db.url, 'MarkShadowCalls1795838000000');
    const [left] = await query<{ hourly: string; unrolled: string }>(
      db.url,
      `select (select count(*) from usage_hourly)::text as hourly,
         (select count(*) from usage_records where rolled_up_at is null)::text as unrolled`,
    );
    expect(left).toEqual({ hourly: '0', unrolled: '2' });
  });

  // Admin tokens become platform admins, and back on revert, so no token changes what it may do.
  it('turn the admin flag into a role and back', async () => {
    await runMigrations(db.url);
    await revertUntil(db.url, 'AddTokenRolesAndAudit1795850000000');
    const tenant = '7a2c1d7e-9a55-4b7e-8a3e-2f4a1d0c9b22';
    await query(db.url, `insert into tenants (id, name) values ('${tenant}', 'roles')`);
    await query(
      db.url,
      `insert into api_tokens (tenant_id, name, token_hash, token_prefix, admin)
       values ('${tenant}', 'ops', repeat('a', 64), 'sluice_a', true),
              ('${tenant}', 'app', repeat('b', 64), 'sluice_b', false)`,
    );
    await runMigrations(db.url);
    const roles = () =>
      query<{ name: string; role: string }>(
        db.url,
        `select name, role from api_tokens order by name`,
      );
    await expect(roles()).resolves.toEqual([
      { name: 'app', role: 'member' },
      { name: 'ops', role: 'platform_admin' },
    ]);
    await query(db.url, `update api_tokens set role = 'tenant_admin' where name = 'app'`);
    await revertUntil(db.url, 'AddTokenRolesAndAudit1795850000000');
    await expect(
      query(db.url, `select name, admin from api_tokens order by name`),
    ).resolves.toEqual([
      { name: 'app', admin: false },
      { name: 'ops', admin: true },
    ]);
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
