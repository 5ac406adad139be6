import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Caller } from '../src/grpc/auth/caller.js';
import { parseFilters } from '../src/modules/economics/dimensions.js';
import { EconomicsLoader, type Loaded } from '../src/modules/economics/economics-loader.js';
import { EconomicsRepository, type Reads } from '../src/modules/economics/economics.repository.js';
import type { Query } from '../src/modules/economics/economics.request.js';
import type { Bucketing } from '../src/modules/economics/window.js';
import { LedgerRepository } from '../src/modules/ledger/ledger.repository.js';
import { UsageRollup } from '../src/modules/ledger/usage-rollup.js';
import { UsageWriter } from '../src/modules/ledger/usage-writer.js';
import { dayAt, FRONTIER, MINI, seedAuditLedger } from './support/audit-ledger.js';
import { migratedDatabase, usage } from './support/ledger-fixtures.js';
import type { TestDatabase } from './support/test-database.js';

/** The same repository reading every cell hourly: the grain READ_MERGED_CELLS must not show. */
class HourlyRepository extends EconomicsRepository {
  override snapshot<T>(work: (reads: Reads) => Promise<T>): Promise<T> {
    return super.snapshot((reads) =>
      work({
        prices: (until) => reads.prices(until),
        capacity: (window) => reads.capacity(window),
        cells: (window, who, { merge: _merge, ...read }) => reads.cells(window, who, read),
      }),
    );
  }
}

/** Rows and total as plain data, rows in a stable order. */
const plain = (loaded: Loaded): unknown => {
  const json = (v: unknown) =>
    JSON.stringify(v, (_k, x: unknown) =>
      typeof x === 'bigint' ? x.toString() : x instanceof Map ? [...x].sort() : x,
    );
  return { rows: loaded.rows.map(json).sort(), total: json(loaded.total) };
};

const HOUR_MS = 3_600_000;

/**
 * READ_MERGED_CELLS hands JS cells merged towards the answer's grain; this ledger is made to
 * catch a merge that changes a figure: a price change inside an hour, a row not at list price,
 * self-hosted models, several days, teams and templates, rolled-up hours with a late raw row.
 */
describe('Economics merged cells (real PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let tenant1 = '';
  let tenant2 = '';
  const now = dayAt('12:30');

  beforeAll(async () => {
    ({ db, dataSource } = await migratedDatabase());
    ({ tenant1, tenant2 } = await seedAuditLedger(dataSource));
    const ledger = new LedgerRepository(dataSource);
    // MINI gets dearer at 09:30: its 09:00 cell mixes two prices and splits by floors.
    await ledger.recordPrice(
      MINI,
      { provider: 'external', inputPer1M: '0.30', cachedInputPer1M: '0.15', outputPer1M: '0.90' },
      dayAt('09:30'),
    );
    const reports = [];
    for (let i = 0; i < 60; i++) {
      const at = new Date(dayAt('00:05').getTime() - 3 * 86_400_000 + i * 5_100_000);
      reports.push(
        usage(i % 4 === 0 ? tenant2 : tenant1, {
          model: i % 3 === 0 ? FRONTIER : MINI,
          tier: i % 3 === 0 ? 'frontier' : 'small',
          baselineModel: FRONTIER,
          cacheKind: i % 7 === 0 ? 'exact' : 'none',
          inputTokens: 100 + i * 37,
          cachedInputTokens: i % 5 === 0 ? 50 : 0,
          outputTokens: 10 + i * 13,
          ...(i % 2 === 0 ? { template: 'faq' } : {}),
          tags: { team: ['a', 'b', 'c'][i % 3] ?? 'a' },
          occurredAt: at.toISOString(),
        }),
      );
    }
    await new UsageWriter(dataSource, ledger).write(reports);
    // One FRONTIER row a few picodollars off list: its cell no longer splits linearly.
    await dataSource.query(
      `UPDATE usage_records SET cost_usd = cost_usd + 0.000000000007
       WHERE idempotency_key = $1`,
      [reports[3]?.idempotencyKey],
    );
    await new UsageRollup(dataSource).rollupHours(dayAt('11:00'));
    // A late row in a rolled-up hour: usage_hourly plus the raw tail make that cell.
    await new UsageWriter(dataSource, ledger).write([
      usage(tenant1, {
        model: MINI,
        tier: 'small',
        baselineModel: FRONTIER,
        tags: { team: 'a' },
        occurredAt: dayAt('09:10').toISOString(),
        idempotencyKey: randomUUID(),
      }),
    ]);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const callers = (): Array<[string, Caller]> => {
    const base = { tenantName: 't', tokenId: 'k' };
    return [
      ['admin', { ...base, tenantId: tenant1, scope: {}, admin: true }],
      ['tenant', { ...base, tenantId: tenant1, scope: {}, admin: false }],
      ['scoped', { ...base, tenantId: tenant1, scope: { team: 'a' }, admin: false }],
    ];
  };
  const windows = [
    { from: dayAt('08:10'), to: dayAt('11:50') },
    { from: new Date(dayAt('00:00').getTime() - 4 * 86_400_000), to: now },
    { from: new Date(dayAt('07:20').getTime() - 2 * 86_400_000 - HOUR_MS), to: dayAt('09:40') },
  ];
  const groupings: Array<{ groupBy: string[]; filters?: Array<[string, string[]]> }> = [
    { groupBy: [] },
    { groupBy: ['model'] },
    { groupBy: ['tag:team'] },
    { groupBy: ['template', 'tier'] },
    { groupBy: ['provider'], filters: [['tag:team', ['a']]] },
    { groupBy: ['tag:team'], filters: [['tier', ['small', 'frontier']]] },
    { groupBy: ['model'], filters: [['template', ['faq']]] },
  ];
  const bucketings: Bucketing[] = ['none', 'hour', 'day', 'week', 'month'];

  it('gives every grouping, bucketing and caller the figures the hourly cells give', async () => {
    const clock = () => now;
    const merged = new EconomicsLoader(new EconomicsRepository(dataSource, clock));
    const hourly = new EconomicsLoader(new HourlyRepository(dataSource, clock));
    const cases = windows.flatMap((window) =>
      groupings.flatMap((grouping) =>
        bucketings.flatMap((bucketing) =>
          callers().map(([who, caller]) => ({ window, ...grouping, bucketing, who, caller })),
        ),
      ),
    );
    for (const [i, { window, groupBy, filters = [], bucketing, who, caller }] of cases.entries()) {
      const query: Query = {
        window,
        groupBy,
        filters: parseFilters(filters.map(([dimension, values]) => ({ dimension, values }))),
        bucketing,
        limit: 1000,
        shareIdle: i % 2 === 0,
      };
      const label = `${who} ${groupBy.join('+')} ${bucketing} ${window.from.toISOString()}`;
      const [a, b] = [await merged.load(query, caller), await hourly.load(query, caller)];
      expect({ label, ...(plain(a) as object) }).toEqual({ label, ...(plain(b) as object) });
    }
    expect(cases).toHaveLength(windows.length * groupings.length * bucketings.length * 3);
  });

  it('hands JS fewer cells than the hourly read for a multi-day window', async () => {
    const repository = new EconomicsRepository(dataSource, () => now);
    const window = windows[1] ?? { from: now, to: now };
    const who = { tenantId: undefined, scope: {} };
    const hourly = await repository.cells(window, who, { withPolicy: false });
    const merged = await repository.cells(window, who, {
      withPolicy: false,
      merge: { hourlyModels: [], bucketing: 'none', template: false, tags: false },
    });
    expect(merged.length).toBeLessThan(hourly.length / 3);
    const total = (cells: typeof hourly) => cells.reduce((sum, c) => sum + c.costUsd, 0n);
    expect(total(merged)).toBe(total(hourly));
  });
});
