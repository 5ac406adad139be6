import { tokenCost, type ModelPrice } from './cost.js';
import type { Picos } from './money.js';
import type { CacheKind, TokenCounts } from './ledger.types.js';

/**
 * How a usage row was priced. `capacity`: a self-hosted model, whose cost is its GPU time, spread
 * over the traffic of a window at report time (SPEC 4), so the row itself carries 0. `unpriced`:
 * no price was in effect at occurred_at; the row carries 0 and reports can say so.
 */
export type Pricing = 'token' | 'capacity' | 'unpriced';
export const PRICINGS: readonly Pricing[] = ['token', 'capacity', 'unpriced'];

export interface UsageCosts {
  readonly pricing: Pricing;
  /** What this request cost: 0 on a cache hit (the model did not run). */
  readonly costUsd: Picos;
  /** What the baseline (all-frontier) route would have cost for the same tokens. */
  readonly baselineCostUsd: Picos | null;
  /** On a cache hit only: what the decided route would have cost without the cache. */
  readonly noCacheCostUsd: Picos | null;
}

export interface PricedUsage extends TokenCounts {
  readonly cacheKind: CacheKind;
}

const marginalCost = (usage: TokenCounts, price: ModelPrice | undefined): Picos | null =>
  price?.kind === 'token' ? tokenCost(usage, price.price) : null;

/**
 * The money columns of one usage row, from the prices in effect at its occurred_at. A
 * capacity-priced baseline has no per-request price either, so its baseline cost is null.
 */
export function usageCosts(
  usage: PricedUsage,
  routePrice: ModelPrice | undefined,
  baselinePrice: ModelPrice | undefined,
): UsageCosts {
  const routeCost = marginalCost(usage, routePrice);
  const hit = usage.cacheKind !== 'none';
  return {
    pricing: routePrice?.kind ?? 'unpriced',
    costUsd: hit ? 0n : (routeCost ?? 0n),
    baselineCostUsd: marginalCost(usage, baselinePrice),
    noCacheCostUsd: hit ? routeCost : null,
  };
}
