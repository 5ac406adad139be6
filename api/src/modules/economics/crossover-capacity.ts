import type { Picos } from '../ledger/money.js';
import type { AllocatedHour } from './model-hours.js';

/**
 * What a self-hosted model's GPUs did in the window, from its model hours alone (README
 * "Crossover"): ALL tenants' GPU time, so the same for every caller.
 */
export interface RunFigures {
  /** Sum of C. */
  readonly gpuCostUsd: Picos;
  /** Sum of run: milliseconds with at least one ready replica. */
  readonly runMs: bigint;
  /** Sum of R. */
  readonly replicaMs: bigint;
  /** Sum of min(D, K): request time the replicas could hold (README "Allocation" 6). */
  readonly busyMs: bigint;
  /** Sum of K. */
  readonly capacityMs: bigint;
  /** Replicas at max_concurrency that carry the busiest hour's request time; 0 if none ran. */
  readonly neededReplicas: bigint;
}

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const ceilDiv = (n: bigint, d: bigint): bigint => (n + d - 1n) / d;
const spanMs = (h: AllocatedHour): bigint => BigInt(h.span.to.getTime() - h.span.from.getTime());

/**
 * ceil(D x R / (K x span)): R / K is one over the hour's mean concurrency per replica, so this is
 * the request time in flight on average, in replicas. At least 1: a model that ran needs one.
 */
function neededIn(hour: AllocatedHour): bigint {
  const denominator = hour.capacityMs * spanMs(hour);
  if (denominator === 0n) return 1n;
  const needed = ceilDiv(hour.requestMs * hour.replicaMs, denominator);
  return needed > 1n ? needed : 1n;
}

export function runFigures(hours: readonly AllocatedHour[]): RunFigures {
  let gpuCostUsd = 0n;
  let runMs = 0n;
  let replicaMs = 0n;
  let busyMs = 0n;
  let capacityMs = 0n;
  let neededReplicas = 0n;
  for (const hour of hours) {
    gpuCostUsd += hour.costUsd;
    runMs += hour.runMs;
    replicaMs += hour.replicaMs;
    busyMs += min(hour.requestMs, hour.capacityMs);
    capacityMs += hour.capacityMs;
    if (hour.replicaMs > 0n) {
      const needed = neededIn(hour);
      if (needed > neededReplicas) neededReplicas = needed;
    }
  }
  return { gpuCostUsd, runMs, replicaMs, busyMs, capacityMs, neededReplicas };
}

/** The tier recorded with the latest model hour ('' when none, or it predates tiers). */
export const latestHourTier = (hours: readonly AllocatedHour[]): string =>
  [...hours].sort((a, b) => a.span.from.getTime() - b.span.from.getTime()).at(-1)?.tier ?? '';
