import { Client } from 'pg';
import { runMigrations } from '../src/database/migrate.js';
import { LEDGER_CONSTRAINTS } from '../src/modules/ledger/ledger-constraints.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const TABLES = [
  'capacity_history',
  'model_prices',
  'outcomes',
  'route_decisions',
  'usage_hourly',
  'usage_records',
];

describe('ledger schema', () => {
  let db: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    await runMigrations(db.url);
    client = new Client({ connectionString: db.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  const rows = async (sql: string): Promise<string[]> =>
    (await client.query<{ name: string }>(sql)).rows.map((row) => row.name);

  it('creates every ledger table', async () => {
    const names = await rows(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_name = ANY('{${TABLES.join(',')}}') ORDER BY 1`,
    );
    expect(names).toEqual(TABLES);
  });

  // The entities and repositories refer to these names; TypeORM would not notice a rename.
  it('names the constraints as the entities declare them', async () => {
    const declared = Object.values(LEDGER_CONSTRAINTS).flatMap((table) => Object.values(table));
    const names = await rows(
      `SELECT conname AS name FROM pg_constraint
       WHERE conrelid::regclass::text = ANY('{${TABLES.join(',')}}') AND contype <> 'p' ORDER BY 1`,
    );
    expect(names).toEqual([...declared].sort());
  });

  it('stores money as numeric and never as a float', async () => {
    const types = await rows(
      `SELECT DISTINCT data_type || coalesce('(' || numeric_precision || ',' || numeric_scale || ')', '') AS name
       FROM information_schema.columns
       WHERE table_name = ANY('{${TABLES.join(',')}}')
         AND (column_name LIKE '%usd%' OR column_name LIKE '%per_1m' OR column_name = 'value')
       ORDER BY 1`,
    );
    expect(types).toEqual(['numeric(20,6)', 'numeric(38,12)']);
  });

  it('indexes usage by tenant and time, model and time, time alone (BRIN), and tags', async () => {
    const names = await rows(
      `SELECT indexname AS name FROM pg_indexes WHERE tablename = 'usage_records' ORDER BY 1`,
    );
    expect(names).toEqual([
      'usage_records_decision_id_idx',
      'usage_records_model_occurred_at_idx',
      'usage_records_occurred_at_brin',
      'usage_records_pkey',
      'usage_records_tags_idx',
      'usage_records_tenant_id_occurred_at_idx',
      'usage_records_unrolled_idx',
    ]);
  });
});
