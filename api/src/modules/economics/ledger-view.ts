import type { CapacityPoint, Window } from '../ledger/capacity-cost.js';
import { priceAt, type PricePoint, type TokenPrice } from '../ledger/cost.js';
import { allocate, type Allocation } from './allocation.js';
import type { Provider, UsageCell } from './economics.types.js';
import type { AllocatedHour } from './model-hours.js';
import { spanOf, type SpanCapacity } from './self-hosted.js';
import { bucketStart, type Bucketing } from './window.js';
import { latestCapacity, type LatestCapacity } from './latest-capacity.js';

/** Prices and the allocation of GPU time of the window, as the aggregation asks for them. */
export interface LedgerView {
  readonly providerOf: (model: string) => Provider;
  readonly priceAt: (model: string, at: Date) => TokenPrice | undefined;
  /** Models with any recorded price. */
  readonly pricedModels: readonly string[];
  /** The model's hours in the window with traffic and split, ALL tenants (README 1-3). */
  readonly modelHours: (model: string) => readonly AllocatedHour[];
  /** GPUs per replica and GPU price of the model's last capacity point before the window's end. */
  readonly latestCapacity: (model: string) => LatestCapacity | undefined;
  /** Per-cell charges and idle lines over ALL tenants' traffic. */
  readonly allocation: Allocation;
  /** The model's hours in one bucket, summed (GetCrossover, self-hosted baseline_model). */
  readonly capacity: (bucket: Date, model: string) => SpanCapacity | undefined;
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

export interface LedgerFacts {
  readonly window: Window;
  readonly bucketing: Bucketing;
  readonly prices: ReadonlyMap<string, readonly PricePoint[]>;
  readonly capacity: ReadonlyMap<string, readonly CapacityPoint[]>;
  /** Every tenant's cells: GPU time is allocated over all of a model's traffic. */
  readonly allCells: readonly UsageCell[];
}

export function ledgerView(facts: LedgerFacts): LedgerView {
  const allocation = allocate(facts);
  const bucketOf = (at: Date) => bucketStart(at, facts.bucketing, facts.window).getTime();
  return {
    providerOf: providerLookup(facts.prices, facts.capacity, facts.window.to),
    priceAt: (model, at) => {
      const price = priceAt(facts.prices.get(model) ?? [], at);
      return price?.kind === 'token' ? price.price : undefined;
    },
    pricedModels: [...facts.prices.keys()],
    modelHours: (model) => allocation.hours.get(model) ?? [],
    latestCapacity: (model) => latestCapacity(facts.capacity.get(model) ?? [], facts.window.to),
    allocation,
    capacity: (bucket, model) => {
      const hours = allocation.hours.get(model);
      if (hours === undefined) return undefined;
      const line = allocation.lines.find(
        (l) => l.model === model && l.bucket.getTime() === bucket.getTime(),
      );
      const inBucket = hours.filter((h) => bucketOf(h.hour) === bucket.getTime());
      return spanOf(inBucket, line?.servedTokens ?? 0n);
    },
  };
}
