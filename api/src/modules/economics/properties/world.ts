import fc from 'fast-check';
import type { CapacityPoint } from '../../ledger/capacity-cost.js';
import { priceAt, tokenCost, type PricePoint, type TokenPrice } from '../../ledger/cost.js';
import type { CacheKind } from '../../ledger/ledger.types.js';

/**
 * A small random ledger: raw usage rows (what usage_records holds), price history and capacity
 * history, over a few hours from BASE. The reads (reads.ts) turn it into what the repository
 * returns for a window, so windows can start and end anywhere, not only on hours.
 */
export const HOUR_MS = 3_600_000;
export const BASE = Date.UTC(2026, 10, 2, 0, 0, 0);
/** Traffic and capacity changes fall within BASE .. BASE + SPAN_HOURS. */
export const SPAN_HOURS = 4;
const SPAN_MS = SPAN_HOURS * HOUR_MS;

export const SELF_HOSTED = ['gpu/small', 'gpu/large'] as const;
export const EXTERNAL = ['api/mini', 'api/frontier'] as const;
/** Every query's all-frontier baseline, priced at ingest as usage-costs.ts does. */
const BASELINE = 'api/frontier';
export const TENANTS = ['t1', 't2'] as const;

export interface RawRow {
  readonly at: Date;
  readonly tenantId: string;
  readonly model: string;
  readonly tier: string;
  readonly cacheKind: CacheKind;
  readonly template: string;
  readonly tags: Record<string, string>;
  readonly policy: string;
  readonly shadow: boolean;
  readonly failed: boolean;
  readonly inputTokens: bigint;
  readonly cachedInputTokens: bigint;
  readonly outputTokens: bigint;
  readonly latencyMs: bigint;
  readonly costUsd: bigint;
  readonly baselineCostUsd: bigint | null;
  readonly noCacheCostUsd: bigint | null;
}

export interface World {
  readonly rows: readonly RawRow[];
  readonly prices: ReadonlyMap<string, readonly PricePoint[]>;
  /** Every observation ever recorded; reads keep those known at their "now". */
  readonly capacity: ReadonlyMap<string, readonly CapacityPoint[]>;
}

const instant = (fromMs: number, toMs: number) =>
  fc.integer({ min: fromMs, max: toMs - 1 }).map((ms) => new Date(BASE + ms));

/** Tiny counts half the time: ties and remainders are where rounding goes wrong. */
const count = (max: number) =>
  fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max }));

const micros = (max: number) => fc.bigInt({ min: 0n, max: BigInt(max) });

const tokenPrice: fc.Arbitrary<TokenPrice> = fc
  .record({
    inputPer1M: micros(5_000_000),
    outputPer1M: micros(15_000_000),
    cachedInputPer1M: fc.option(micros(2_500_000), { nil: undefined }),
  })
  .map(({ cachedInputPer1M, ...rest }) =>
    cachedInputPer1M === undefined ? rest : { ...rest, cachedInputPer1M },
  );

/** A price since long before the span, sometimes changed once inside it. */
const tokenHistory = fc
  .tuple(tokenPrice, fc.option(fc.tuple(instant(0, SPAN_MS), tokenPrice), { nil: undefined }))
  .map(([first, change]): PricePoint[] => [
    { effectiveFrom: new Date(BASE - 24 * HOUR_MS), price: { kind: 'token', price: first } },
    ...(change === undefined
      ? []
      : [{ effectiveFrom: change[0], price: { kind: 'token' as const, price: change[1] } }]),
  ]);

export const capacityPointArb: fc.Arbitrary<CapacityPoint> = fc.record({
  // Some points start before the span: a window may begin with replicas already running.
  observedAt: instant(-HOUR_MS, SPAN_MS),
  readyReplicas: fc.integer({ min: 0, max: 3 }),
  gpusPerReplica: fc.integer({ min: 1, max: 2 }),
  gpuHourlyUSD: fc.oneof(fc.bigInt({ min: 1n, max: 9n }), fc.bigInt({ min: 1n, max: 4_000_000n })),
  tier: fc.constantFrom('small', 'large', ''),
  maxConcurrency: fc.integer({ min: 1, max: 8 }),
});

export interface RowShape {
  readonly at: Date;
  readonly tenantId: string;
  readonly model: string;
  readonly tier: string;
  readonly cacheKind: CacheKind;
  readonly template: string;
  readonly team: string | undefined;
  readonly policy: string;
  readonly shadow: boolean;
  readonly failed: boolean;
  readonly inputTokens: number;
  readonly cachedInputTokens: number;
  readonly outputTokens: number;
  readonly latencyMs: number;
}

export const rowShapeArb: fc.Arbitrary<RowShape> = fc.record({
  at: instant(0, SPAN_MS),
  tenantId: fc.constantFrom(...TENANTS),
  model: fc.constantFrom(...SELF_HOSTED, ...EXTERNAL),
  tier: fc.constantFrom('small', 'large', ''),
  cacheKind: fc.constantFrom<CacheKind>('none', 'none', 'none', 'exact', 'semantic'),
  template: fc.constantFrom('', 'faq'),
  team: fc.constantFrom(undefined, 'a', 'b'),
  policy: fc.constantFrom('', 'ml/cheap', 'ml/smart'),
  shadow: fc.boolean(),
  failed: fc.boolean(),
  inputTokens: count(3000),
  cachedInputTokens: count(500),
  outputTokens: count(1500),
  latencyMs: count(120_000),
});

const tokenPriceAt = (prices: World['prices'], model: string, at: Date) => {
  const price = priceAt(prices.get(model) ?? [], at);
  return price?.kind === 'token' ? price.price : undefined;
};

/** The money columns as usage-costs.ts writes them at ingest; shadow calls are model calls. */
export function priced(shape: RowShape, prices: World['prices']): RawRow {
  const { team, inputTokens, cachedInputTokens, outputTokens, latencyMs, ...rest } = shape;
  const cacheKind = shape.shadow ? 'none' : shape.cacheKind;
  const route = tokenPriceAt(prices, shape.model, shape.at);
  const baseline = tokenPriceAt(prices, BASELINE, shape.at);
  const routeCost = route === undefined ? null : tokenCost(shape, route);
  const hit = cacheKind !== 'none';
  return {
    ...rest,
    cacheKind,
    tags: team === undefined ? {} : { team },
    inputTokens: BigInt(inputTokens),
    cachedInputTokens: BigInt(cachedInputTokens),
    outputTokens: BigInt(outputTokens),
    latencyMs: BigInt(latencyMs),
    costUsd: hit ? 0n : (routeCost ?? 0n),
    baselineCostUsd: baseline === undefined ? null : tokenCost(shape, baseline),
    noCacheCostUsd: hit ? routeCost : null,
  };
}

export const worldArb: fc.Arbitrary<World> = fc
  .record({
    tokenPrices: fc.tuple(tokenHistory, tokenHistory),
    capacity: fc.tuple(
      fc.array(capacityPointArb, { maxLength: 5 }),
      fc.array(capacityPointArb, { maxLength: 5 }),
    ),
    rows: fc.array(rowShapeArb, { maxLength: 30 }),
  })
  .map(({ tokenPrices, capacity, rows }) => {
    const prices = new Map<string, PricePoint[]>([
      [EXTERNAL[0], tokenPrices[0]],
      [EXTERNAL[1], tokenPrices[1]],
      ...SELF_HOSTED.map((model): [string, PricePoint[]] => [
        model,
        [
          {
            effectiveFrom: new Date(BASE - 24 * HOUR_MS),
            price: { kind: 'capacity', gpuHourlyUSD: 1n },
          },
        ],
      ]),
    ]);
    return withDescription({
      prices,
      capacity: new Map([
        [SELF_HOSTED[0], capacity[0]],
        [SELF_HOSTED[1], capacity[1]],
      ]),
      rows: rows.map((row) => priced(row, prices)),
    });
  });

const time = (at: Date) => at.toISOString().slice(11, 23);
const describePrice = ({ effectiveFrom, price }: PricePoint) =>
  price.kind === 'token'
    ? `${effectiveFrom.toISOString()} in ${price.price.inputPer1M} cached ${price.price.cachedInputPer1M ?? '-'} out ${price.price.outputPer1M} µ$/1M`
    : `capacity`;
const describePoint = (p: CapacityPoint) =>
  `${p.observedAt.toISOString()} ${p.readyReplicas}x${p.gpusPerReplica} GPU at ${p.gpuHourlyUSD} µ$/h, tier ${p.tier}, max ${p.maxConcurrency}`;
const describeRow = (r: RawRow) =>
  `${time(r.at)} ${r.tenantId} ${r.model} tier=${r.tier} ${r.cacheKind}${r.shadow ? ' shadow' : ''} ` +
  `tpl=${r.template} team=${r.tags.team ?? ''} policy=${r.policy} ` +
  `tokens ${r.inputTokens}/${r.cachedInputTokens}/${r.outputTokens} ${r.latencyMs} ms cost ${r.costUsd}`;

/** A failure's counterexample as a person reads it (times of rows are on 2026-11-02). */
function withDescription(world: World): World {
  const lines = [
    ...[...world.prices].flatMap(([m, ps]) => ps.map((p) => `price ${m}: ${describePrice(p)}`)),
    ...[...world.capacity].flatMap(([m, ps]) =>
      ps.map((p) => `capacity ${m}: ${describePoint(p)}`),
    ),
    ...world.rows.map((r) => `row ${describeRow(r)}`),
  ];
  return Object.assign(world, { [fc.toStringMethod]: () => `World {\n  ${lines.join('\n  ')}\n}` });
}
