import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import type { LedgerRepository } from '../../dist/modules/ledger/ledger.repository.js';
import type { UsageReport } from '../../dist/modules/ledger/ledger.types.js';
import {
  priceReport,
  USAGE_COLUMNS,
  usageParameters,
} from '../../dist/modules/ledger/usage-rows.js';

const SCRATCH = 'bench_usage_raw';

/**
 * The baseline of usage ingest: the same rows written by hand in ONE statement. COPY FROM STDIN
 * would be the textbook floor, but the pg driver needs pg-copy-streams for it, which we do not
 * depend on; a single INSERT ... SELECT FROM unnest (one array per column) is the next best and
 * is what the writer itself does per batch. The scratch table is LIKE usage_records INCLUDING ALL
 * (same columns, primary key, indexes and checks; no foreign keys), created and dropped here.
 * Pricing happens before the clock starts: the baseline measures the write alone.
 */
export async function insertRaw(
  dataSource: DataSource,
  ledger: LedgerRepository,
  reports: readonly UsageReport[],
): Promise<number> {
  const models = [
    ...new Map(
      reports
        .flatMap((r) => [r.model, r.baselineModel ?? r.model])
        .map((m) => [`${m.namespace}/${m.name}`, m]),
    ).values(),
  ];
  const history = await ledger.priceHistory(models, new Date());
  const parameters = usageParameters(reports.map((report) => priceReport(report, history)));
  const columns = USAGE_COLUMNS.map(([name]) => `"${name}"`).join(', ');
  const arrays = USAGE_COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  await dataSource.query(`CREATE TABLE ${SCRATCH} (LIKE usage_records INCLUDING ALL)`);
  try {
    const started = performance.now();
    await dataSource.query(
      `INSERT INTO ${SCRATCH} (${columns}) SELECT * FROM unnest(${arrays})`,
      parameters,
    );
    return performance.now() - started;
  } finally {
    await dataSource.query(`DROP TABLE ${SCRATCH}`);
  }
}
