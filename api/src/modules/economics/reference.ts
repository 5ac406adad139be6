import type { TokenPrice } from '../ledger/cost.js';
import { latestHourTier } from './crossover-capacity.js';
import type { GroupFigures } from './figures.js';
import type { LatestCapacity } from './latest-capacity.js';
import type { AllocatedHour } from './model-hours.js';

/** The tier that routed most of a model's queries ('' when none did). */
export function mainTier(figures: GroupFigures, model: string): string {
  let best: [string, bigint] = ['', 0n];
  for (const [tier, models] of figures.sums.routing) {
    const queries = models.get(model) ?? 0n;
    if (queries > best[1] || (queries === best[1] && queries > 0n && tier < best[0]))
      best = [tier, queries];
  }
  return best[0];
}

/**
 * A self-hosted model's tier (README "Crossover"): its spec as the capacity history recorded it
 * with the latest model hour, so a model that ran but served no query still has one; else with
 * the latest capacity row (a model that did not run); else the tier most of its traffic was
 * routed under (rows recorded before tiers were).
 */
export const crossoverTier = (
  hours: readonly AllocatedHour[],
  latest: Pick<LatestCapacity, 'tier'> | undefined,
  figures: GroupFigures,
  model: string,
): string => latestHourTier(hours) || latest?.tier || mainTier(figures, model);

const listPrice = (price: TokenPrice) => price.inputPer1M + price.outputPer1M;

/**
 * economics.proto's default hosted reference: an external model of the same tier, else the
 * cheapest external model; "cheapest" by input plus output price per 1M, then by name.
 */
export function defaultReference(
  tier: string,
  tiersOf: ReadonlyMap<string, ReadonlySet<string>>,
  prices: ReadonlyMap<string, TokenPrice>,
): { model: string; price: TokenPrice } | undefined {
  const priced = [...prices].sort(([a, pa], [b, pb]) =>
    listPrice(pa) === listPrice(pb) ? a.localeCompare(b) : listPrice(pa) < listPrice(pb) ? -1 : 1,
  );
  const sameTier = priced.find(([model]) => tiersOf.get(model)?.has(tier) === true);
  const [model, price] = sameTier ?? priced[0] ?? [];
  return model === undefined || price === undefined ? undefined : { model, price };
}
