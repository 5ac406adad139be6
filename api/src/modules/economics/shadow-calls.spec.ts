import type { UsageCell } from './economics.types.js';
import { mergeFigures } from './row-math.js';
import { savingsRow } from './savings.js';
import { aCell, aPoint, figuresOf, USD } from './testing/ledger-cells.js';
import { unitRow } from './unit-economics.js';

const HOUR = new Date('2026-11-02T08:00:00Z');
const CENT = USD / 100n;

const cell = (model: string, tokens: bigint, over: Partial<UsageCell> = {}): UsageCell =>
  aCell(HOUR, 'a', model, { inputTokens: tokens, baselineCostUsd: 5n * CENT, ...over });

// ml/gpu: $10 for the hour, one replica holding 4 requests (K = 14 400 000 ms). Its calls took
// 10 800 000 ms: used = $7.50 over 750 tokens, $0.01 a token. ml/api is token-priced.
const window = { from: HOUR, to: new Date('2026-11-02T09:00:00Z') };
const capacity = { 'ml/gpu': [aPoint(HOUR, 1, 10_000_000n)] };
const providers = {
  'ml/api': [
    {
      effectiveFrom: HOUR,
      price: { kind: 'token' as const, price: { inputPer1M: 0n, outputPer1M: 0n } },
    },
  ],
};
const figures = (cells: UsageCell[], groupBy: string[] = []) =>
  figuresOf({ window, capacity, cells, prices: providers }, { groupBy, admin: false });

// One query (250 tokens on ml/gpu) judged by two shadow calls: one on ml/api for 1 cent, one on
// ml/gpu for 500 tokens. The ledger priced a baseline on the shadows too; it must not count.
const query = cell('ml/gpu', 250n, { latencyMs: 3_600_000n });
const shadows = [
  cell('ml/api', 9n, { tier: 'frontier', costUsd: CENT, shadow: true }),
  cell('ml/gpu', 500n, {
    tier: 'frontier',
    shadow: true,
    failedRequests: 1n,
    latencyMs: 7_200_000n,
  }),
];

describe('shadow calls', () => {
  const total = () => mergeFigures(figures([query, ...shadows]), HOUR);

  it('count as model calls and tokens, never as queries, cache hits or routed traffic', () => {
    const row = unitRow([], total(), []);
    expect(row.usage).toEqual({
      queries: 1n,
      modelCalls: 3n,
      cacheHits: 0n,
      failedCalls: 1n,
      inputTokens: 759n,
      cachedInputTokens: 0n,
      outputTokens: 0n,
    });
    expect(row.routing).toEqual([
      {
        tier: 'small',
        queries: 1n,
        share: 1,
        models: [{ model: { namespace: 'ml', name: 'gpu' }, queries: 1n, share: 1 }],
      },
    ]);
    // Their cost is the query's cost: $2.50 + $5 + $0.01 on one query.
    expect(row.costPerQueryUsd).toBe('7.51');
  });

  it('report external cost plus GPU share as shadow cost, inside actual, outside the baseline', () => {
    expect(savingsRow([], total())).toMatchObject({
      queries: 1n,
      actualCostUsd: '7.51',
      shadowCostUsd: '5.01',
      frontierBaselineCostUsd: '0.05',
      noCacheCostUsd: '7.51',
    });
  });

  it('cost nothing in shadow cost when there are none', () => {
    const row = savingsRow([], mergeFigures(figures([query]), HOUR));
    expect(row).toMatchObject({ queries: 1n, actualCostUsd: '2.5', shadowCostUsd: '0' });
  });

  it('keep their cost with the group whose query they judged', () => {
    const rows = figures([query, ...shadows], ['tag:team', 'model']).map((row) =>
      savingsRow(['tag:team', 'model'], row),
    );
    expect(rows.map((r) => [r.group?.[1]?.value, r.queries, r.shadowCostUsd])).toEqual([
      ['ml/gpu', 1n, '5'],
      ['ml/api', 0n, '0.01'],
    ]);
  });
});
