import { capacityCost, type CapacityPoint, type Window } from '../ledger/capacity-cost.js';
import type { Picos } from '../ledger/money.js';
import { DEFAULT_MAX_CONCURRENCY } from '../ledger/price-rows.js';
import { hoursOf } from './window.js';

/**
 * One UTC hour of one self-hosted model's capacity, clipped to the report window: the unit the
 * allocation (README "Allocation") splits into used and idle. Every window figure is a sum of
 * these, each rounded once, so a window split at an hour boundary adds up exactly.
 */
export interface ModelHour {
  readonly model: string;
  /** Start of the UTC hour. */
  readonly hour: Date;
  /** The hour clipped to the window. */
  readonly span: Window;
  /** GPU cost of the span: capacityCost, rounded half up to picodollars once. */
  readonly costUsd: Picos;
  /**
   * The same before rounding, in micro-USD-hours x milliseconds (picodollars x 18 / 5): used
   * time is priced from it, so a team's charge does not flicker as the open hour's C rounds.
   */
  readonly costMicroMs: bigint;
  /** Ready replicas x milliseconds. */
  readonly replicaMs: bigint;
  /** Ready replicas x max concurrency x milliseconds: the request time the replicas could hold. */
  readonly capacityMs: bigint;
  /** Milliseconds with at least one ready replica. */
  readonly runMs: bigint;
  /** spec.tier of the last point observed before the span's end ('' when none recorded it). */
  readonly tier: string;
}

interface Segment {
  readonly from: number;
  readonly to: number;
  readonly point: CapacityPoint;
}

/** The step function's pieces inside `span`: each point holds until the next one. */
function segments(sorted: readonly CapacityPoint[], span: Window): Segment[] {
  const result: Segment[] = [];
  sorted.forEach((point, index) => {
    const next = sorted[index + 1];
    const from = Math.max(point.observedAt.getTime(), span.from.getTime());
    const to = Math.min(next?.observedAt.getTime() ?? Number.POSITIVE_INFINITY, span.to.getTime());
    if (to > from) result.push({ from, to, point });
  });
  return result;
}

function hourOf(model: string, sorted: readonly CapacityPoint[], span: Window): ModelHour {
  let replicaMs = 0n;
  let capacityMs = 0n;
  let runMs = 0n;
  let costMicroMs = 0n;
  for (const { from, to, point } of segments(sorted, span)) {
    const ms = BigInt(to - from);
    const replicas = BigInt(point.readyReplicas);
    costMicroMs += replicas * BigInt(point.gpusPerReplica) * point.gpuHourlyUSD * ms;
    replicaMs += replicas * ms;
    capacityMs += replicas * BigInt(point.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY) * ms;
    if (replicas > 0n) runMs += ms;
  }
  const last = sorted.filter((p) => p.observedAt.getTime() < span.to.getTime()).at(-1);
  return {
    model,
    hour: new Date(Math.floor(span.from.getTime() / 3_600_000) * 3_600_000),
    span,
    costUsd: capacityCost(sorted, span),
    costMicroMs,
    replicaMs,
    capacityMs,
    runMs,
    tier: last?.tier ?? '',
  };
}

/** The model's hours in the window that had replicas or cost (points as known now). */
export function modelHours(
  model: string,
  points: readonly CapacityPoint[],
  window: Window,
): ModelHour[] {
  const sorted = [...points].sort((a, b) => a.observedAt.getTime() - b.observedAt.getTime());
  return hoursOf(window)
    .map((span) => hourOf(model, sorted, span))
    .filter((h) => h.replicaMs > 0n || h.costUsd > 0n);
}

/**
 * A model hour with the traffic that used it (ALL tenants' model calls) and its split (README
 * "Allocation" 1-3). LedgerView.modelHours gives them per model; crossover, utilization and the
 * idle lines read them.
 */
export interface AllocatedHour extends ModelHour {
  /** D: sum of latency_ms of the model calls in the span. */
  readonly requestMs: bigint;
  /** S: their tokens (input + cached + output). */
  readonly servedTokens: bigint;
  /** used = C x min(D, K) / K, half up (0 when S = 0 or K = 0), before the per-cell floors. */
  readonly usedUsd: Picos;
  /** C - sum of the cells' floored charges. */
  readonly idleUsd: Picos;
}
