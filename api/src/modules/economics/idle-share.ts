import type { Picos } from '../ledger/money.js';
import type { LedgerCell } from './allocated-hours.js';
import { floorShare } from './floor-split.js';
import type { AllocatedHour } from './model-hours.js';

/**
 * A model's idle in one bucket (README "Allocation" 3-4): the whole, what share_idle could not
 * spread, and the tokens it is spread over. Only unscoped admins see idle lines.
 */
export interface IdleLine {
  readonly bucket: Date;
  readonly model: string;
  /** Tier recorded with the latest model hour of the bucket. */
  readonly tier: string;
  /** I: sum of the idle of the bucket's model hours. */
  readonly idleUsd: Picos;
  /** What stays an idle line with share_idle: I minus every cell's floor(I x t / T). */
  readonly unsharedUsd: Picos;
  /** T: tokens of the model's calls in the bucket, ALL tenants. */
  readonly servedTokens: bigint;
}

interface Bucketed {
  readonly bucket: Date;
  tier: string;
  idle: Picos;
  latestHour: number;
}

/** I per bucket, with the tier of its latest model hour. */
function idleByBucket(
  hours: readonly AllocatedHour[],
  bucketOf: (hour: Date) => Date,
): Map<number, Bucketed> {
  const lines = new Map<number, Bucketed>();
  for (const hour of hours) {
    const bucket = bucketOf(hour.hour);
    const line = lines.get(bucket.getTime()) ?? { bucket, tier: '', idle: 0n, latestHour: -1 };
    line.idle += hour.idleUsd;
    if (hour.hour.getTime() >= line.latestHour) {
      line.tier = hour.tier;
      line.latestHour = hour.hour.getTime();
    }
    lines.set(bucket.getTime(), line);
  }
  return lines;
}

const addTo = (map: Map<number, bigint>, key: number, by: bigint) =>
  map.set(key, (map.get(key) ?? 0n) + by);

/**
 * Shares of idle per model-call cell (by key) and the idle lines of one model. T counts every
 * call of the model in the bucket, so the shares never pass I even for calls outside a model
 * hour (traffic while no replica was recorded ready).
 */
export function shareIdle(
  model: string,
  hours: readonly AllocatedHour[],
  calls: readonly LedgerCell[],
  bucketOf: (hour: Date) => Date,
): { lines: IdleLine[]; shares: Map<string, Picos> } {
  const idle = idleByBucket(hours, bucketOf);
  const tokens = new Map<number, bigint>();
  for (const call of calls) addTo(tokens, bucketOf(call.hour).getTime(), call.tokens);
  const given = new Map<number, Picos>();
  const shares = new Map<string, Picos>();
  for (const call of calls) {
    const at = bucketOf(call.hour).getTime();
    const share = floorShare(idle.get(at)?.idle ?? 0n, call.tokens, tokens.get(at) ?? 0n);
    shares.set(call.key, share);
    addTo(given, at, share);
  }
  const lines = [...idle.entries()].map(([at, line]) => ({
    bucket: line.bucket,
    model,
    tier: line.tier,
    idleUsd: line.idle,
    unsharedUsd: line.idle - (given.get(at) ?? 0n),
    servedTokens: tokens.get(at) ?? 0n,
  }));
  return { lines, shares };
}
