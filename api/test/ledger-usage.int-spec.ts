import type { DataSource } from 'typeorm';
import { runMigrations } from '../src/database/migrate.js';
import { LedgerRepository } from '../src/modules/ledger/ledger.repository.js';
import { formatPicos } from '../src/modules/ledger/money.js';
import { UsageWriter } from '../src/modules/ledger/usage-writer.js';
import { createTenant, openDataSource, usage } from './support/ledger-fixtures.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const FRONTIER = { namespace: 'ml', name: 'gpt-frontier' };
const SMALL = { namespace: 'ml', name: 'small' };

interface StoredCost {
  idempotency_key: string;
  pricing: string;
  cost_usd: string;
  baseline_cost_usd: string | null;
  no_cache_cost_usd: string | null;
}

describe('UsageWriter on PostgreSQL', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let ledger: LedgerRepository;
  let writer: UsageWriter;

  beforeAll(async () => {
    db = await createTestDatabase();
    await runMigrations(db.url);
    dataSource = await openDataSource(db.url);
    ledger = new LedgerRepository(dataSource);
    writer = new UsageWriter(dataSource, ledger);
    // Frontier: $2.50 in / $10 out until noon, then $2 / $8; small: $0.15 / $0.60, cached $0.075.
    const day = '2026-11-01';
    await ledger.recordPrice(
      FRONTIER,
      { provider: 'external', inputPer1M: '2.50', outputPer1M: '10' },
      new Date(`${day}T00:00:00Z`),
    );
    await ledger.recordPrice(
      FRONTIER,
      { provider: 'external', inputPer1M: '2', outputPer1M: '8' },
      new Date(`${day}T12:00:00Z`),
    );
    await ledger.recordPrice(
      SMALL,
      { provider: 'external', inputPer1M: '0.15', cachedInputPer1M: '0.075', outputPer1M: '0.60' },
      new Date(`${day}T00:00:00Z`),
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const costs = (tenantId: string) =>
    dataSource.query<StoredCost[]>(
      `SELECT idempotency_key, pricing, cost_usd, baseline_cost_usd, no_cache_cost_usd
       FROM usage_records WHERE tenant_id = $1 ORDER BY idempotency_key`,
      [tenantId],
    );

  it('counts a retried report once', async () => {
    const tenant = await createTenant(dataSource);
    const report = usage(tenant, { idempotencyKey: 'req-1' });

    await expect(writer.write([report])).resolves.toBe(1);
    await expect(writer.write([report, { ...report, outputTokens: 999 }])).resolves.toBe(0);

    const rows = await dataSource.query<Array<{ output_tokens: string }>>(
      `SELECT output_tokens FROM usage_records WHERE tenant_id = $1`,
      [tenant],
    );
    expect(rows).toEqual([{ output_tokens: '100' }]);
  });

  it('counts concurrently written duplicates once', async () => {
    const tenant = await createTenant(dataSource);
    const reports = Array.from({ length: 20 }, (_, i) =>
      usage(tenant, { idempotencyKey: `req-${i % 5}` }),
    );

    const inserted = await Promise.all(reports.map((report) => writer.write([report])));

    expect(inserted.reduce((a, b) => a + b, 0)).toBe(5);
    await expect(costs(tenant)).resolves.toHaveLength(5);
  });

  it('keeps the same key apart for different tenants', async () => {
    const [a, b] = [await createTenant(dataSource), await createTenant(dataSource)];
    await writer.write([
      usage(a, { idempotencyKey: 'same' }),
      usage(b, { idempotencyKey: 'same' }),
    ]);
    await expect(costs(a)).resolves.toHaveLength(1);
    await expect(costs(b)).resolves.toHaveLength(1);
  });

  it('prices each report with the price in effect at its occurred_at', async () => {
    const tenant = await createTenant(dataSource);
    // 1M input + 100k output on the frontier: 2.50 + 1.00 before noon, 2.00 + 0.80 after.
    const tokens = { inputTokens: 1_000_000, outputTokens: 100_000 };
    await writer.write([
      usage(tenant, {
        ...tokens,
        idempotencyKey: 'a-morning',
        occurredAt: '2026-11-01T11:59:59.999Z',
      }),
      usage(tenant, { ...tokens, idempotencyKey: 'b-noon', occurredAt: '2026-11-01T12:00:00Z' }),
      usage(tenant, {
        ...tokens,
        idempotencyKey: 'c-before-any-price',
        occurredAt: '2026-10-31T23:00:00Z',
      }),
    ]);

    await expect(costs(tenant)).resolves.toEqual([
      {
        idempotency_key: 'a-morning',
        pricing: 'token',
        cost_usd: '3.500000000000',
        baseline_cost_usd: '3.500000000000',
        no_cache_cost_usd: null,
      },
      {
        idempotency_key: 'b-noon',
        pricing: 'token',
        cost_usd: '2.800000000000',
        baseline_cost_usd: '2.800000000000',
        no_cache_cost_usd: null,
      },
      {
        idempotency_key: 'c-before-any-price',
        pricing: 'unpriced',
        cost_usd: '0.000000000000',
        baseline_cost_usd: null,
        no_cache_cost_usd: null,
      },
    ]);
  });

  it('charges a cache hit nothing and records what the route and the baseline would have cost', async () => {
    const tenant = await createTenant(dataSource);
    const common = { model: SMALL, tier: 'small', occurredAt: '2026-11-01T09:00:00Z' };
    await writer.write([
      // 200k input, 800k cached, 100k out on small: 0.03 + 0.06 + 0.06 = 0.15; frontier 2.50 + 1.
      usage(tenant, {
        ...common,
        idempotencyKey: 'miss',
        inputTokens: 200_000,
        cachedInputTokens: 800_000,
        outputTokens: 100_000,
      }),
      usage(tenant, {
        ...common,
        idempotencyKey: 'hit',
        cacheKind: 'exact',
        inputTokens: 1_000_000,
        outputTokens: 100_000,
      }),
    ]);

    await expect(costs(tenant)).resolves.toEqual([
      {
        idempotency_key: 'hit',
        pricing: 'token',
        cost_usd: '0.000000000000',
        baseline_cost_usd: '3.500000000000',
        no_cache_cost_usd: '0.210000000000',
      },
      {
        idempotency_key: 'miss',
        pricing: 'token',
        cost_usd: '0.150000000000',
        baseline_cost_usd: '3.500000000000',
        no_cache_cost_usd: null,
      },
    ]);
  });

  it('refuses a report of an unknown tenant as a data error, writing nothing', async () => {
    const stranger = usage('00000000-0000-4000-8000-000000000000');
    await expect(writer.write([stranger])).rejects.toMatchObject({
      driverError: { code: '23503' },
    });
  });

  it('stores amounts digit for digit', async () => {
    const tenant = await createTenant(dataSource);
    await writer.write([usage(tenant, { model: SMALL, inputTokens: 1, outputTokens: 0 })]);
    const [row] = await costs(tenant);
    expect(row?.cost_usd).toBe(formatPicos(150_000n));
  });
});

describe('LedgerRepository capacity history', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let ledger: LedgerRepository;
  const model = { namespace: 'ml', name: 'llama-70b' };
  const at = (hhmm: string) => new Date(`2026-11-01T${hhmm}:00Z`);

  beforeAll(async () => {
    db = await createTestDatabase();
    await runMigrations(db.url);
    dataSource = await openDataSource(db.url);
    ledger = new LedgerRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('records changes only, and costs a window as the step function says', async () => {
    const observe = (hhmm: string, readyReplicas: number, gpuHourlyUSD = '2.40') =>
      ledger.recordCapacity(model, {
        observedAt: at(hhmm),
        readyReplicas,
        gpusPerReplica: 2,
        gpuHourlyUSD,
      });

    await expect(observe('08:00', 1)).resolves.toBe(true);
    await expect(observe('08:30', 1)).resolves.toBe(false); // a relist, nothing changed
    await expect(observe('09:00', 3)).resolves.toBe(true);
    await expect(observe('09:40', 0)).resolves.toBe(true);
    await expect(observe('10:00', 0, '2.00')).resolves.toBe(true);
    await expect(observe('10:30', 2, '2.00')).resolves.toBe(true);

    // By hand, 08:15-11:00: 1 x 2 x 2.40 = 4.80/h for 45 min = 3.60; 3 x 2 x 2.40 = 14.40/h for
    // 40 min = 9.60; idle 09:40-10:30 = 0; 2 x 2 x 2.00 = 8/h for 30 min = 4. Total 17.20.
    const cost = await ledger.capacityCost(model, { from: at('08:15'), to: at('11:00') });
    expect(formatPicos(cost)).toBe('17.200000000000');
    // A window after the last change: it holds. 11:00-12:00 at 8/h.
    const later = await ledger.capacityCost(model, { from: at('11:00'), to: at('12:00') });
    expect(formatPicos(later)).toBe('8.000000000000');
    // Before the first observation nothing is known to run.
    const before = await ledger.capacityCost(model, { from: at('07:00'), to: at('08:00') });
    expect(before).toBe(0n);
  });
});
