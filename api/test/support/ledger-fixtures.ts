import type { DataSource } from 'typeorm';
import { runMigrations } from '../../src/database/migrate.js';
import { openDataSource } from '../../src/testing/throwaway-database.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export { createTenant, openDataSource } from '../../src/testing/throwaway-database.js';
export { usage } from '../../src/testing/usage-report.js';

/** A migrated database of its own, and a DataSource on it for the test's own reads and writes. */
export async function migratedDatabase(): Promise<{ db: TestDatabase; dataSource: DataSource }> {
  const db = await createTestDatabase();
  await runMigrations(db.url);
  return { db, dataSource: await openDataSource(db.url) };
}

export interface RawSums {
  readonly requests: string;
  readonly input_tokens: string;
  readonly output_tokens: string;
  readonly cost_usd: string;
}

/** The ground truth: sums straight from usage_records. */
export async function rawSums(dataSource: DataSource, tenantId: string): Promise<RawSums> {
  const [row] = await dataSource.query<RawSums[]>(
    `SELECT count(*)::text AS requests, coalesce(sum(input_tokens), 0)::text AS input_tokens,
       coalesce(sum(output_tokens), 0)::text AS output_tokens,
       coalesce(sum(cost_usd), 0)::numeric(38,12)::text AS cost_usd
     FROM usage_records WHERE tenant_id = $1`,
    [tenantId],
  );
  if (row === undefined) throw new Error('no sums');
  return row;
}
