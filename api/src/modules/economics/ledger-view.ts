import type { CapacityPoint, Window } from '../ledger/capacity-cost.js';
import { priceAt, type PricePoint, type TokenPrice } from '../ledger/cost.js';
import { servedTokens, type Provider, type UsageCell } from './economics.types.js';
import { spanCapacity, type SpanCapacity } from './self-hosted.js';
import { bucketStart, buckets, type Bucketing } from './window.js';

/** Prices and capacity of the window, as the aggregation asks for them (pure). */
export interface LedgerView {
  readonly providerOf: (model: string) => Provider;
  readonly priceAt: (model: string, at: Date) => TokenPrice | undefined;
  readonly capacity: (bucket: Date, model: string) => SpanCapacity | undefined;
  /** Models with any recorded price. */
  readonly pricedModels: readonly string[];
  /** Buckets and models whose GPU cost no traffic carried. */
  readonly idleOnly: ReadonlyArray<{ bucket: Date; model: string }>;
}

function providerLookup(
  prices: ReadonlyMap<string, readonly PricePoint[]>,
  capacity: ReadonlyMap<string, readonly CapacityPoint[]>,
  until: Date,
): (model: string) => Provider {
  return (model) => {
    if (capacity.has(model)) return 'vllm';
    const price = priceAt(prices.get(model) ?? [], until);
    if (price === undefined) return '';
    return price.kind === 'capacity' ? 'vllm' : 'external';
  };
}

interface Traffic {
  readonly calls: Map<string, bigint>;
  readonly tokens: Map<string, bigint>;
}

/** Model calls per model and hour, and served tokens per model and bucket, over ALL traffic. */
function traffic(cells: readonly UsageCell[], window: Window, bucketing: Bucketing): Traffic {
  const calls = new Map<string, bigint>();
  const tokens = new Map<string, bigint>();
  for (const cell of cells.filter((c) => c.cacheKind === 'none')) {
    const hourKey = `${cell.model}@${cell.hour.getTime()}`;
    calls.set(hourKey, (calls.get(hourKey) ?? 0n) + cell.requests);
    const bucketKey = `${cell.model}@${bucketStart(cell.hour, bucketing, window).getTime()}`;
    tokens.set(bucketKey, (tokens.get(bucketKey) ?? 0n) + servedTokens(cell));
  }
  return { calls, tokens };
}

export interface LedgerFacts {
  readonly window: Window;
  readonly bucketing: Bucketing;
  readonly prices: ReadonlyMap<string, readonly PricePoint[]>;
  readonly capacity: ReadonlyMap<string, readonly CapacityPoint[]>;
  /** Every tenant's cells: GPU cost is spread over all of a model's traffic. */
  readonly allCells: readonly UsageCell[];
}

export function ledgerView(facts: LedgerFacts): LedgerView {
  const { window, bucketing } = facts;
  const seen = traffic(facts.allCells, window, bucketing);
  const spans = new Map<string, SpanCapacity>();
  const idleOnly: Array<{ bucket: Date; model: string }> = [];
  for (const [model, points] of facts.capacity) {
    for (const bucket of buckets(window, bucketing)) {
      const served = seen.tokens.get(`${model}@${bucket.start.getTime()}`) ?? 0n;
      const calls = (hour: number) => seen.calls.get(`${model}@${hour}`) ?? 0n;
      const span = spanCapacity(points, bucket.span, calls, served);
      spans.set(`${model}@${bucket.start.getTime()}`, span);
      if (served === 0n && span.costUsd > 0n) idleOnly.push({ bucket: bucket.start, model });
    }
  }
  return {
    providerOf: providerLookup(facts.prices, facts.capacity, window.to),
    priceAt: (model, at) => {
      const price = priceAt(facts.prices.get(model) ?? [], at);
      return price?.kind === 'token' ? price.price : undefined;
    },
    capacity: (bucket, model) => spans.get(`${model}@${bucket.getTime()}`),
    pricedModels: [...facts.prices.keys()],
    idleOnly,
  };
}
