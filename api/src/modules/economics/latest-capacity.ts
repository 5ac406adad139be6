import type { CapacityPoint } from '../ledger/capacity-cost.js';
import type { Micros } from '../ledger/money.js';

/** What one more replica of a self-hosted model costs, as its capacity history last said. */
export interface LatestCapacity {
  readonly gpusPerReplica: number;
  readonly gpuHourlyUSD: Micros;
  /** spec.tier as recorded ('' before tiers were). */
  readonly tier: string;
}

/**
 * The last capacity point observed before `before` (the window's end): GetCrossover prices
 * needed_replicas at it (README "Crossover"). A point that scales the model to zero still names
 * its GPUs and price, so it counts.
 */
export function latestCapacity(
  points: readonly CapacityPoint[],
  before: Date,
): LatestCapacity | undefined {
  let latest: CapacityPoint | undefined;
  for (const point of points) {
    const at = point.observedAt.getTime();
    if (at < before.getTime() && (latest === undefined || at >= latest.observedAt.getTime()))
      latest = point;
  }
  return latest === undefined
    ? undefined
    : {
        gpusPerReplica: latest.gpusPerReplica,
        gpuHourlyUSD: latest.gpuHourlyUSD,
        tier: latest.tier ?? '',
      };
}
