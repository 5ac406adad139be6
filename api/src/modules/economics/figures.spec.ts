import type { UsageCell } from './economics.types.js';
import { aggregate, type AggregationSpec } from './figures.js';
import { breakdown } from './row-math.js';
import type { SpanCapacity } from './self-hosted.js';

const HOUR = new Date('2026-11-02T08:00:00Z');
const USD = 1_000_000_000_000n;
const cell = (
  team: string,
  model: string,
  tokens: bigint,
  over: Partial<UsageCell> = {},
): UsageCell => ({
  hour: HOUR,
  tenantId: 't',
  model,
  tier: 'small',
  cacheKind: 'none',
  template: '',
  tags: { team },
  policy: '',
  shadow: false,
  requests: 1n,
  failedRequests: 0n,
  inputTokens: tokens,
  cachedInputTokens: 0n,
  outputTokens: 0n,
  costUsd: 0n,
  baselineCostUsd: 0n,
  baselineRequests: 1n,
  noCacheCostUsd: 0n,
  latencyMs: 0n,
  ...over,
});
// ml/gpu cost $10 over 1000 served tokens (all traffic), $4 of it idle; ml/spare $3 with none.
const caps: Record<string, SpanCapacity> = {
  'ml/gpu': {
    costUsd: 10n * USD,
    idleUsd: 4n * USD,
    busyReplicaTime: 1n,
    replicaTime: 2n,
    servedTokens: 1000n,
  },
  'ml/spare': {
    costUsd: 3n * USD,
    idleUsd: 3n * USD,
    busyReplicaTime: 0n,
    replicaTime: 1n,
    servedTokens: 0n,
  },
};
const spec = (over: Partial<AggregationSpec> = {}): AggregationSpec => ({
  window: { from: HOUR, to: new Date('2026-11-02T09:00:00Z') },
  bucketing: 'none',
  groupBy: ['tag:team'],
  filters: [],
  providerOf: (model) => (model === 'ml/api' ? 'external' : 'vllm'),
  priceAt: () => undefined,
  capacity: (_bucket, model) => caps[model],
  unattributed: [],
  ...over,
});
const show = (rows: ReturnType<typeof aggregate>) =>
  rows.map((r) => [
    r.sums.values.join(','),
    breakdown(r).total / (USD / 100n),
    r.idleUsd / (USD / 100n),
  ]);

describe('aggregate', () => {
  const cells = [
    cell('a', 'ml/gpu', 250n),
    cell('b', 'ml/gpu', 500n),
    cell('b', 'ml/api', 9n, { costUsd: USD / 100n }),
    cell('a', 'ml/gpu', 250n, { cacheKind: 'exact' }), // a hit: serves no tokens, carries no GPU cost
  ];

  it.each([
    // [name, spec overrides, rows as [values, cents, idle cents]]
    [
      'spreads GPU cost by share of all served tokens',
      {},
      [
        ['a', 250n, 100n],
        ['b', 501n, 200n],
      ],
    ],
    [
      'keeps only what the filters select',
      { filters: [{ dimension: 'tag:team', values: new Set(['b']) }] },
      [['b', 501n, 200n]],
    ],
    [
      'shows cost no traffic carried under the model, other values empty',
      { groupBy: ['model', 'tag:team'], unattributed: [{ bucket: HOUR, model: 'ml/spare' }] },
      [
        ['ml/gpu,a', 250n, 100n],
        ['ml/gpu,b', 500n, 200n],
        ['ml/api,b', 1n, 0n],
        ['ml/spare,', 300n, 300n],
      ],
    ],
    [
      'adds it to the row of the same bucket and values instead of repeating the key',
      { groupBy: [], unattributed: [{ bucket: HOUR, model: 'ml/spare' }] },
      [['', 1051n, 600n]],
    ],
    [
      'drops that row when a filter excludes it',
      {
        unattributed: [{ bucket: HOUR, model: 'ml/spare' }],
        filters: [{ dimension: 'tier', values: new Set(['small']) }],
      },
      [
        ['a', 250n, 100n],
        ['b', 501n, 200n],
      ],
    ],
  ])('%s', (_name, over, rows) => {
    expect(show(aggregate(cells, spec(over as Partial<AggregationSpec>)))).toEqual(rows);
  });

  it('prices self-hosted cache hits at the model cost per token for no-cache', () => {
    const [a] = aggregate(
      cells,
      spec({ filters: [{ dimension: 'tag:team', values: new Set(['a']) }] }),
    );
    expect(a?.noCacheSelfUsd).toBe((10n * USD * 250n) / 1000n);
  });
});
