import { GrpcStatus, SluiceError } from '../../grpc/sluice-error.js';
import type { PricePoint } from '../ledger/cost.js';
import {
  baselinePricer,
  parseBaselineModel,
  priceBaselines,
  rebased,
  requirePricedBaseline,
} from './baseline-override.js';
import type { UsageCell } from './economics.types.js';
import type { GroupFigures } from './figures.js';
import { emptySums } from './group-sums.js';
import type { LedgerView } from './ledger-view.js';
import type { SpanCapacity } from './self-hosted.js';

const USD = 1_000_000_000_000n;
const MICRO = 1_000_000n;
const WINDOW = { from: new Date('2026-11-02T00:00:00Z'), to: new Date('2026-11-03T00:00:00Z') };
const at = (hhmm: string) => new Date(`2026-11-02T${hhmm}:00Z`);

const cell = (over: Partial<UsageCell> = {}): UsageCell => ({
  hour: at('10:00'),
  tenantId: 't',
  model: 'ml/mini',
  tier: 'small',
  cacheKind: 'none',
  template: '',
  tags: {},
  policy: '',
  shadow: false,
  requests: 2n,
  failedRequests: 0n,
  inputTokens: 1000n,
  cachedInputTokens: 200n,
  outputTokens: 100n,
  costUsd: 0n,
  baselineCostUsd: 7n,
  baselineRequests: 2n,
  noCacheCostUsd: 0n,
  latencyMs: 0n,
  ...over,
});

// ml/big: $5 in, $2.50 cached, $15 out per 1M until 12:00, then $4 / (input) / $12.
const BIG: PricePoint[] = [
  {
    effectiveFrom: at('00:00'),
    price: {
      kind: 'token',
      price: { inputPer1M: 5n * MICRO, cachedInputPer1M: 2_500_000n, outputPer1M: 15n * MICRO },
    },
  },
  {
    effectiveFrom: at('12:00'),
    price: { kind: 'token', price: { inputPer1M: 4n * MICRO, outputPer1M: 12n * MICRO } },
  },
];
// ml/gpu cost $48 over the window and served 10000 tokens: $0.0048 a token.
const GPU: SpanCapacity = {
  costUsd: 48n * USD,
  idleUsd: 0n,
  busyReplicaTime: 1n,
  replicaTime: 1n,
  servedTokens: 10_000n,
};
const view = (capacity: Record<string, SpanCapacity> = { 'ml/gpu': GPU }): LedgerView => ({
  providerOf: (model) =>
    model === 'ml/big' ? 'external' : model in capacity || model === 'ml/gpu' ? 'vllm' : '',
  priceAt: () => undefined,
  capacity: (bucket, model) => (bucket === WINDOW.from ? capacity[model] : undefined),
  pricedModels: [],
  // The pricer reads the window's summed capacity only.
  modelHours: () => [],
  latestCapacity: () => undefined,
  allocation: { hours: new Map(), charge: () => undefined, lines: [] },
});

const failure = (run: () => unknown): SluiceError => {
  try {
    run();
  } catch (error) {
    if (error instanceof SluiceError) return error;
    throw error;
  }
  throw new Error('did not throw');
};

describe('baselinePricer, external', () => {
  const pricer = baselinePricer('ml/big', view(), WINDOW, BIG);
  it.each<[string, Date | undefined, bigint | undefined]>([
    // 1000 x $5 + 200 x $2.50 + 100 x $15 per 1M, in picodollars
    ['the first price', at('00:00'), 1000n * 5n * MICRO + 200n * 2_500_000n + 100n * 15n * MICRO],
    // no cached price any more: cached input is billed as input
    ['the second price', at('12:00'), 1200n * 4n * MICRO + 100n * 12n * MICRO],
    ['before the first price', undefined, undefined],
  ])('%s', (_name, from, expected) => {
    const read = from === undefined ? cell() : cell({ baselinePriceFrom: from });
    expect(pricer.units(read)).toBe(expected);
    expect(pricer.toPicos(123n)).toBe(123n);
  });

  it('prices cache hits on their source tokens like model calls', () => {
    const hit = cell({ cacheKind: 'exact', baselinePriceFrom: at('00:00') });
    expect(pricer.units(hit)).toBe(pricer.units(cell({ baselinePriceFrom: at('00:00') })));
  });
});

describe('baselinePricer, self-hosted', () => {
  it('counts tokens and turns them into the share of the GPU cost, half up', () => {
    const pricer = baselinePricer('ml/gpu', view(), WINDOW);
    expect(pricer.units(cell())).toBe(1300n);
    expect(pricer.toPicos(1300n)).toBe((1300n * 48n * USD) / 10_000n);
    // $48 x 1 / 7 tokens: 6.857142857142857... rounds half up at the picodollar
    const odd = baselinePricer('ml/gpu', view({ 'ml/gpu': { ...GPU, servedTokens: 7n } }), WINDOW);
    expect(odd.toPicos(1n)).toBe(6_857_142_857_143n);
  });

  it.each<[string, Record<string, SpanCapacity>]>([
    ['no traffic in the window', { 'ml/gpu': { ...GPU, servedTokens: 0n } }],
    ['no capacity in the window', { 'ml/other': GPU }],
  ])('is FAILED_PRECONDITION with %s', (_name, capacity) => {
    const error = failure(() =>
      baselinePricer('ml/gpu', { ...view(capacity), providerOf: () => 'vllm' }, WINDOW),
    );
    expect(error.code).toBe(GrpcStatus.FAILED_PRECONDITION);
    expect(error.message).toContain('baseline_model ml/gpu');
  });
});

describe('baseline_model checks', () => {
  it('is FAILED_PRECONDITION for a model the ledger has no price or GPU for', () => {
    const error = failure(() => baselinePricer('ml/nobody', view(), WINDOW));
    expect([error.code, error.message]).toEqual([
      GrpcStatus.FAILED_PRECONDITION,
      'baseline_model ml/nobody has no prices and no GPUs in the ledger',
    ]);
  });

  it.each<[string, { namespace: string; name: string } | undefined, unknown]>([
    ['unset', undefined, undefined],
    ['namespaced', { namespace: 'ml', name: 'big' }, { namespace: 'ml', name: 'big' }],
    ['default namespace', { namespace: '', name: 'big' }, { namespace: 'default', name: 'big' }],
  ])('parses %s', (_name, ref, expected) => {
    expect(parseBaselineModel(ref)).toEqual(expected);
  });

  it('names the field when the name is missing', () => {
    const error = failure(() => parseBaselineModel({ namespace: 'ml', name: '' }));
    expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(error.message).toContain('baseline_model.name');
  });

  it('rebases cells and fails when some queries had no price', () => {
    const pricer = baselinePricer('ml/big', view(), WINDOW, BIG);
    const cells = rebased([cell({ baselinePriceFrom: at('12:00') }), cell()], pricer);
    expect(cells.map((c) => [c.baselineCostUsd, c.baselineRequests])).toEqual([
      [1200n * 4n * MICRO + 100n * 12n * MICRO, 2n],
      [0n, 0n],
    ]);
    const total = {
      sums: { ...emptySums(WINDOW.from, []), requests: 4n, baselineRequests: 2n },
    } as GroupFigures;
    const error = failure(() => requirePricedBaseline({ namespace: 'ml', name: 'big' }, total));
    expect(error.message).toBe('baseline_model ml/big had no price when 2 of 4 queries occurred');
    expect(error.code).toBe(GrpcStatus.FAILED_PRECONDITION);
  });

  it('turns each row to picodollars on its own', () => {
    const pricer = baselinePricer('ml/gpu', view(), WINDOW);
    const row = (units: bigint) =>
      ({ sums: { ...emptySums(WINDOW.from, []), baselineUsd: units } }) as GroupFigures;
    const rows = [row(1n), row(2n)];
    priceBaselines(rows, pricer);
    expect(rows.map((r) => r.sums.baselineUsd)).toEqual([48n * 100_000_000n, 96n * 100_000_000n]);
  });
});
