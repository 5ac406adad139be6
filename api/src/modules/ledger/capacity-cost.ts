import { divideRounded, type Micros, type Picos } from './money.js';

/** One observation of a self-hosted model's capacity; it holds until the next one. */
export interface CapacityPoint {
  readonly observedAt: Date;
  readonly readyReplicas: number;
  readonly gpusPerReplica: number;
  readonly gpuHourlyUSD: Micros;
  /** The model's spec.tier while this point holds ('' when recorded before tiers were). */
  readonly tier?: string;
  /** Requests one replica serves at once (spec.vllm.batching.maxNumSeqs); 256 when unset. */
  readonly maxConcurrency?: number;
}

export interface Window {
  readonly from: Date;
  /** Exclusive. */
  readonly to: Date;
}

/** Milliseconds per hour over picodollars per microdollar: pico = micro x ms x 1e6 / 3.6e6. */
const MS_MICRO_TO_PICO = { numerator: 5n, denominator: 18n } as const;

const sortedByTime = (points: readonly CapacityPoint[]): CapacityPoint[] =>
  [...points].sort((a, b) => a.observedAt.getTime() - b.observedAt.getTime());

/** Milliseconds of [start, end) that fall inside the window. */
function overlapMs(start: number, end: number, window: Window): bigint {
  const from = Math.max(start, window.from.getTime());
  const to = Math.min(end, window.to.getTime());
  return BigInt(Math.max(0, to - from));
}

/**
 * The points as far as they are known at `asOf`: the last one holds until `asOf`, not forever.
 * A window reaching into the future (a report "until the end of the day") must not be charged
 * GPU time that has not run yet; a zero point at `asOf` ends the step function there.
 */
export function knownUntil(points: readonly CapacityPoint[], asOf: Date): CapacityPoint[] {
  const known = sortedByTime(points).filter((p) => p.observedAt.getTime() < asOf.getTime());
  const last = known.at(-1);
  if (last === undefined) return known;
  return [...known, { ...last, observedAt: asOf, readyReplicas: 0 }];
}

/**
 * SPEC 4, self-hosted: the integral over the window of ready replicas x GPUs x GPU hourly price,
 * where each point holds until the next (a step function; before the first point nothing was
 * known to run, so nothing is charged). The sum is exact in micro-USD-milliseconds-per-hour and
 * rounded half up to picodollars once, at the end, so any window length is within 0.5 picodollar.
 */
export function capacityCost(points: readonly CapacityPoint[], window: Window): Picos {
  const sorted = sortedByTime(points);
  let total = 0n;
  sorted.forEach((point, index) => {
    const next = sorted[index + 1];
    const end = next === undefined ? Number.POSITIVE_INFINITY : next.observedAt.getTime();
    const ms = overlapMs(point.observedAt.getTime(), end, window);
    const rate = BigInt(point.readyReplicas) * BigInt(point.gpusPerReplica) * point.gpuHourlyUSD;
    total += rate * ms;
  });
  return divideRounded(total * MS_MICRO_TO_PICO.numerator, MS_MICRO_TO_PICO.denominator);
}
