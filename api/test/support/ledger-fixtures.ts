import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { runMigrations } from '../../src/database/migrate.js';
import type { UsageReport } from '../../src/modules/ledger/ledger.types.js';
import { openDataSource } from '../../src/testing/throwaway-database.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export { createTenant, openDataSource } from '../../src/testing/throwaway-database.js';

/** A migrated database of its own, and a DataSource on it for the test's own reads and writes. */
export async function migratedDatabase(): Promise<{ db: TestDatabase; dataSource: DataSource }> {
  const db = await createTestDatabase();
  await runMigrations(db.url);
  return { db, dataSource: await openDataSource(db.url) };
}

/** A fluent-enough builder: a valid report, changed by `overrides`. */
export function usage(tenantId: string, overrides: Partial<UsageReport> = {}): UsageReport {
  return {
    tenantId,
    idempotencyKey: randomUUID(),
    decisionId: randomUUID(),
    model: { namespace: 'ml', name: 'gpt-frontier' },
    tier: 'frontier',
    cacheKind: 'none',
    baselineModel: { namespace: 'ml', name: 'gpt-frontier' },
    inputTokens: 1000,
    cachedInputTokens: 0,
    outputTokens: 100,
    latencyMs: 120,
    status: 'ok',
    tags: { team: 'search' },
    occurredAt: '2026-11-01T10:00:00Z',
    ...overrides,
  };
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
