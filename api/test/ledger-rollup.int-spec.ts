import type { DataSource } from 'typeorm';
import { runMigrations } from '../src/database/migrate.js';
import { LedgerRepository } from '../src/modules/ledger/ledger.repository.js';
import { formatPicos } from '../src/modules/ledger/money.js';
import { UsageRollup } from '../src/modules/ledger/usage-rollup.js';
import { toUsageTotals, type UsageTotals } from '../src/modules/ledger/usage-totals.js';
import { UsageWriter } from '../src/modules/ledger/usage-writer.js';
import { createTenant, openDataSource, usage } from './support/ledger-fixtures.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const SMALL = { namespace: 'ml', name: 'small' };
const at = (hhmm: string) => `2026-11-01T${hhmm}Z`;
const date = (hhmm: string) => new Date(at(hhmm));

/** The totals as plain strings, one line per group, for exact comparison. */
const show = (totals: UsageTotals[]) =>
  totals.map(
    (t) =>
      `${t.model.name}|${t.tier}|${t.cacheKind}|${t.template}|req=${t.requests}|failed=${t.failedRequests}` +
      `|in=${t.inputTokens}|cached=${t.cachedInputTokens}|out=${t.outputTokens}|lat=${t.latencyMsSum}` +
      `|cost=${formatPicos(t.costUsd)}|base=${formatPicos(t.baselineCostUsd)}/${t.baselineRequests}` +
      `|nocache=${formatPicos(t.noCacheCostUsd)}`,
  );

describe('UsageRollup', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let writer: UsageWriter;
  let rollup: UsageRollup;

  beforeAll(async () => {
    db = await createTestDatabase();
    await runMigrations(db.url);
    dataSource = await openDataSource(db.url);
    const ledger = new LedgerRepository(dataSource);
    writer = new UsageWriter(dataSource, ledger);
    rollup = new UsageRollup(dataSource);
    await ledger.recordPrice(
      { namespace: 'ml', name: 'gpt-frontier' },
      { provider: 'external', inputPer1M: '2.50', outputPer1M: '10' },
      date('00:00'),
    );
    await ledger.recordPrice(
      SMALL,
      { provider: 'external', inputPer1M: '0.15', outputPer1M: '0.60' },
      date('00:00'),
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  /** Ground truth, independent of the reader's SQL: raw rows in [from, to), summed here. */
  async function rawTotals(tenantId: string, from: string, to: string, team?: string) {
    const rows = await dataSource.query<Array<Record<string, string>>>(
      `SELECT model_namespace, model_name, tier, cache_kind, coalesce(template, '') AS template,
         count(*) AS requests, count(*) FILTER (WHERE status <> 'ok') AS failed_requests,
         sum(input_tokens) AS input_tokens, sum(cached_input_tokens) AS cached_input_tokens,
         sum(output_tokens) AS output_tokens, sum(latency_ms) AS latency_ms_sum,
         sum(cost_usd) AS cost_usd, coalesce(sum(baseline_cost_usd), 0) AS baseline_cost_usd,
         count(baseline_cost_usd) AS baseline_requests,
         coalesce(sum(no_cache_cost_usd), 0) AS no_cache_cost_usd
       FROM usage_records
       WHERE tenant_id = $1 AND occurred_at >= $2 AND occurred_at < $3
         AND ($4::text IS NULL OR tags->>'team' = $4)
       GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
      [tenantId, at(from), at(to), team ?? null],
    );
    return show(rows.map(toUsageTotals));
  }

  const totals = async (tenantId: string, from: string, to: string, team?: string) =>
    show(
      await rollup.totals({
        tenantId,
        from: date(from),
        to: date(to),
        ...(team === undefined ? {} : { tags: { team } }),
      }),
    );

  const hourly = (tenantId: string) =>
    dataSource.query<unknown[]>(
      `SELECT * FROM usage_hourly WHERE tenant_id = $1 ORDER BY hour, model_name, cache_kind, template, tags_hash`,
      [tenantId],
    );

  it('rolls complete hours, re-rolls late ones, and reads rollup + tail exactly as the raw rows', async () => {
    const tenant = await createTenant(dataSource);
    await writer.write([
      usage(tenant, { occurredAt: at('10:00:00'), inputTokens: 1234, outputTokens: 56 }),
      usage(tenant, { occurredAt: at('10:59:59.999'), template: 'faq-v2', status: 'error' }),
      usage(tenant, {
        occurredAt: at('10:30:00'),
        model: SMALL,
        tier: 'small',
        tags: { team: 'ads' },
      }),
      usage(tenant, {
        occurredAt: at('11:30:00'),
        model: SMALL,
        tier: 'small',
        cacheKind: 'exact',
      }),
      usage(tenant, {
        occurredAt: at('11:45:00'),
        model: SMALL,
        tier: 'small',
        cacheKind: 'semantic',
        template: 'faq-v2',
      }),
      usage(tenant, { occurredAt: at('12:10:00'), inputTokens: 7, outputTokens: 3 }),
      usage(tenant, { occurredAt: at('12:40:00'), tags: { team: 'ads' } }),
    ]);
    const windows: Array<[string, string, string?]> = [
      ['09:00:00', '13:00:00'],
      ['10:30:00', '11:45:00'],
      ['10:59:59.999', '12:10:00.001'],
      ['11:00:00', '12:00:00'],
      ['09:00:00', '13:00:00', 'ads'],
    ];
    const expectExact = async () => {
      for (const [from, to, team] of windows) {
        await expect(totals(tenant, from, to, team)).resolves.toEqual(
          await rawTotals(tenant, from, to, team),
        );
      }
    };

    await expectExact();
    await expect(rollup.rollupHours(date('12:30:00'))).resolves.toEqual([
      date('10:00:00'),
      date('11:00:00'),
    ]);
    await expectExact();
    const rolled = await hourly(tenant);
    expect(rolled.length).toBeGreaterThan(0);

    // Nothing new: nothing changes.
    await expect(rollup.rollupHours(date('12:30:00'))).resolves.toEqual([]);
    await expect(hourly(tenant)).resolves.toEqual(rolled);

    // A late report for 10:00 is read as tail at once, then absorbed by re-rolling 10:00 only.
    await writer.write([usage(tenant, { occurredAt: at('10:20:00'), outputTokens: 4242 })]);
    await expectExact();
    await expect(rollup.rollupHours(date('12:30:00'))).resolves.toEqual([date('10:00:00')]);
    await expectExact();
    const withLate = await hourly(tenant);
    expect(withLate).not.toEqual(rolled);

    // Re-rolling an hour from scratch gives the same rows. (Unclaiming rows by hand is a test
    // device only: until the re-roll, their hour would be counted twice.)
    await dataSource.query(
      `UPDATE usage_records SET rolled_up_at = NULL WHERE tenant_id = $1 AND occurred_at < $2`,
      [tenant, at('11:00:00')],
    );
    await expect(rollup.rollupHours(date('12:30:00'))).resolves.toEqual([date('10:00:00')]);
    await expect(hourly(tenant)).resolves.toEqual(withLate);
    await expectExact();

    // Rolling up to 13:00 absorbs 12:00 too; the day still reads the same.
    await rollup.rollupHours(date('13:00:00'));
    await expectExact();
  });

  it('reads nothing for a tenant without usage', async () => {
    const tenant = await createTenant(dataSource);
    await expect(totals(tenant, '00:00:00', '23:00:00')).resolves.toEqual([]);
  });
});
