import type { PricePoint } from './cost.js';
import type { UsageReport } from './ledger.types.js';
import { toModelPrice } from './price-rows.js';
import { priceReport, USAGE_COLUMNS, usageParameters } from './usage-rows.js';

const report: UsageReport = {
  tenantId: '6f1c1d7e-9a55-4b7e-8a3e-2f4a1d0c9b11',
  idempotencyKey: 'k',
  decisionId: '0b7e4a52-3c1d-4e8f-9a6b-5d2c1e0f7a33',
  model: { namespace: 'ml', name: 'small' },
  tier: 'small',
  cacheKind: 'none',
  baselineModel: { namespace: 'ml', name: 'frontier' },
  inputTokens: 1_000_000,
  cachedInputTokens: 0,
  outputTokens: 0,
  latencyMs: 5,
  status: 'ok',
  tags: { team: 'a' },
  occurredAt: '2026-11-01T12:00:00Z',
};

const external = (from: string, input: string): PricePoint => ({
  effectiveFrom: new Date(from),
  price: toModelPrice({
    model_namespace: 'ml',
    model_name: 'x',
    effective_from: new Date(from),
    provider: 'external',
    input_per_1m: input,
    cached_input_per_1m: null,
    output_per_1m: '1',
    gpu_hourly_usd: null,
  }),
});

describe('priceReport', () => {
  const history = new Map([
    [
      'ml/small',
      [external('2026-11-01T00:00:00Z', '0.10'), external('2026-11-01T12:00:00Z', '0.20')],
    ],
    ['ml/frontier', [external('2026-11-01T00:00:00Z', '3')]],
  ]);

  it.each([
    ['at the change', '2026-11-01T12:00:00Z', '0.200000000000', '3.000000000000'],
    ['just before it', '2026-11-01T11:59:59.999Z', '0.100000000000', '3.000000000000'],
    ['before any price', '2026-10-31T00:00:00Z', '0.000000000000', null],
  ])('prices a report %s', (_, occurredAt, cost, baseline) => {
    const columns = usageParameters([priceReport({ ...report, occurredAt }, history)]);
    const named = Object.fromEntries(USAGE_COLUMNS.map(([name], i) => [name, columns[i]?.[0]]));
    expect(named).toMatchObject({
      cost_usd: cost,
      baseline_cost_usd: baseline,
      tags: '{"team":"a"}',
      tenant_id: report.tenantId,
      occurred_at: occurredAt,
    });
  });

  it.each<[string, Partial<UsageReport>, boolean]>([
    ['an ordinary report', {}, false],
    ['a shadow call', { shadow: true }, true],
  ])('writes the shadow mark of %s', (_, change, shadow) => {
    const columns = usageParameters([priceReport({ ...report, ...change }, history)]);
    expect(columns[USAGE_COLUMNS.findIndex(([name]) => name === 'shadow')]).toEqual([shadow]);
  });

  it('reads a self-hosted price row as capacity-priced', () => {
    expect(
      toModelPrice({
        model_namespace: 'ml',
        model_name: 'llama',
        effective_from: new Date(0),
        provider: 'vllm',
        input_per_1m: null,
        cached_input_per_1m: null,
        output_per_1m: null,
        gpu_hourly_usd: '2.100000',
      }),
    ).toEqual({ kind: 'capacity', gpuHourlyUSD: 2_100_000n });
  });
});
