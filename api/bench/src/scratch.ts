// Throwaway state for a bench run, as the integration tests make theirs (api/src/testing):
// a database of its own, dropped afterwards, and rows under a tenant of its own.
import { createTestDatabase, type TestDatabase } from '../../dist/testing/throwaway-database.js';
import type { UsageReport } from '../../dist/modules/ledger/ledger.types.js';
import { usage } from '../../dist/testing/usage-report.js';

export type { TestDatabase as ScratchDatabase } from '../../dist/testing/throwaway-database.js';
export { createTenant, openDataSource } from '../../dist/testing/throwaway-database.js';

export function createScratchDatabase(): Promise<TestDatabase> {
  return createTestDatabase('sluice_bench');
}

/** The i-th of a set of plausible usage reports of one frontier model. */
export function usageReport(tenantId: string, i: number): UsageReport {
  return usage(tenantId, {
    inputTokens: 200 + (i % 900),
    outputTokens: 20 + (i % 300),
    latencyMs: 80 + (i % 400),
    tags: { team: ['search', 'support', 'ads'][i % 3] ?? 'search' },
    occurredAt: new Date(Date.UTC(2026, 10, 1, 10, i % 60)).toISOString(),
  });
}
