import type { UsageCell } from './economics.types.js';
import { aggregate, type AggregationSpec } from './figures.js';
import { mergeFigures } from './row-math.js';
import { savingsRow } from './savings.js';
import type { SpanCapacity } from './self-hosted.js';
import { unitRow } from './unit-economics.js';

const HOUR = new Date('2026-11-02T08:00:00Z');
const USD = 1_000_000_000_000n;
const CENT = USD / 100n;

const cell = (model: string, tokens: bigint, over: Partial<UsageCell> = {}): UsageCell => ({
  hour: HOUR,
  tenantId: 't',
  model,
  tier: 'small',
  cacheKind: 'none',
  template: '',
  tags: { team: 'a' },
  policy: '',
  shadow: false,
  requests: 1n,
  failedRequests: 0n,
  inputTokens: tokens,
  cachedInputTokens: 0n,
  outputTokens: 0n,
  costUsd: 0n,
  baselineCostUsd: 5n * CENT,
  baselineRequests: 1n,
  noCacheCostUsd: 0n,
  latencyMs: 0n,
  ...over,
});

// ml/gpu costs $10 over the 1000 tokens it served to all traffic; ml/api is token-priced.
const gpu: SpanCapacity = {
  costUsd: 10n * USD,
  idleUsd: 0n,
  busyReplicaTime: 1n,
  replicaTime: 1n,
  servedTokens: 1000n,
};
const spec = (groupBy: string[] = []): AggregationSpec => ({
  window: { from: HOUR, to: new Date('2026-11-02T09:00:00Z') },
  bucketing: 'none',
  groupBy,
  filters: [],
  providerOf: (model) => (model === 'ml/api' ? 'external' : 'vllm'),
  priceAt: () => undefined,
  capacity: (_bucket, model) => (model === 'ml/gpu' ? gpu : undefined),
  unattributed: [],
});

// One query (250 tokens on ml/gpu) judged by two shadow calls: one on ml/api for 1 cent, one on
// ml/gpu for 500 tokens. The ledger priced a baseline on the shadows too; it must not count.
const query = cell('ml/gpu', 250n);
const shadows = [
  cell('ml/api', 9n, { tier: 'frontier', costUsd: CENT, shadow: true }),
  cell('ml/gpu', 500n, { tier: 'frontier', shadow: true, failedRequests: 1n }),
];

describe('shadow calls', () => {
  const total = () => mergeFigures(aggregate([query, ...shadows], spec()), HOUR);

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
    const row = savingsRow([], mergeFigures(aggregate([query], spec()), HOUR));
    expect(row).toMatchObject({ queries: 1n, actualCostUsd: '2.5', shadowCostUsd: '0' });
  });

  it('keep their cost with the group whose query they judged', () => {
    const rows = aggregate([query, ...shadows], spec(['tag:team', 'model'])).map((figures) =>
      savingsRow(['tag:team', 'model'], figures),
    );
    expect(rows.map((r) => [r.group?.[1]?.value, r.queries, r.shadowCostUsd])).toEqual([
      ['ml/gpu', 1n, '5'],
      ['ml/api', 0n, '0.01'],
    ]);
  });
});
