import { divideRounded, type Picos } from '../ledger/money.js';
import type { AllocatedHour } from './model-hours.js';

/**
 * A self-hosted model's model hours in one bucket, summed (README "Allocation"): GetCrossover
 * and a self-hosted GetSavings baseline_model read it. Capacity is shared by every tenant, so
 * every figure is over ALL the model's traffic, never the caller's.
 */
export interface SpanCapacity {
  /** Sum of C. */
  readonly costUsd: Picos;
  /** Sum of idle (C minus the cells' floored charges). */
  readonly idleUsd: Picos;
  /** Sum of min(D, K) and of K, in milliseconds: utilization is their ratio (README 6). */
  readonly busyReplicaTime: bigint;
  readonly replicaTime: bigint;
  /** Tokens of the model's calls in the bucket, over all traffic. */
  readonly servedTokens: bigint;
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** The bucket's hours summed; `servedTokens` counts every call of the model in the bucket. */
export function spanOf(hours: readonly AllocatedHour[], servedTokens: bigint): SpanCapacity {
  let costUsd = 0n;
  let idleUsd = 0n;
  let busyReplicaTime = 0n;
  let replicaTime = 0n;
  for (const hour of hours) {
    costUsd += hour.costUsd;
    idleUsd += hour.idleUsd;
    busyReplicaTime += min(hour.requestMs, hour.capacityMs);
    replicaTime += hour.capacityMs;
  }
  return { costUsd, idleUsd, busyReplicaTime, replicaTime, servedTokens };
}

/** A figure's share of an amount by its tokens: half-up, 0 when the model served nothing. */
export const shareOf = (amount: Picos, tokens: bigint, served: bigint): Picos =>
  served === 0n ? 0n : divideRounded(amount * tokens, served);
