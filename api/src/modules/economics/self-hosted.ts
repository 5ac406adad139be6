import { capacityCost, type CapacityPoint, type Window } from '../ledger/capacity-cost.js';
import { divideRounded, type Picos } from '../ledger/money.js';
import { hoursOf } from './window.js';

/**
 * A self-hosted model's GPU cost over one span (SPEC 4) and the part of it in idle hours: UTC
 * hours of the span in which the model answered no model call, from any tenant. Capacity is
 * shared by every tenant, so both are spread over ALL the model's traffic, never the caller's.
 */
export interface SpanCapacity {
  readonly costUsd: Picos;
  readonly idleUsd: Picos;
  /** Replica time, busy and total, in one arbitrary unit (only their ratio is used). */
  readonly busyReplicaTime: bigint;
  readonly replicaTime: bigint;
  /** Tokens the model served in the span, over all traffic: the spreading denominator. */
  readonly servedTokens: bigint;
}

/** Replica time as a cost at 1 GPU and 1 microdollar an hour: same step function, same clip. */
const replicaTime = (points: readonly CapacityPoint[], span: Window): bigint =>
  capacityCost(
    points.map((p) => ({ ...p, gpusPerReplica: 1, gpuHourlyUSD: 1_000_000n })),
    span,
  );

/** `callsInHour(hourStartMs)` counts the model's calls in that hour of the span. */
export function spanCapacity(
  points: readonly CapacityPoint[],
  span: Window,
  callsInHour: (hourStartMs: number) => bigint,
  servedTokens: bigint,
): SpanCapacity {
  let idleUsd = 0n;
  let idleTime = 0n;
  for (const hour of hoursOf(span)) {
    const start = Math.floor(hour.from.getTime() / 3_600_000) * 3_600_000;
    if (callsInHour(start) > 0n) continue;
    idleUsd += capacityCost(points, hour);
    idleTime += replicaTime(points, hour);
  }
  const costUsd = capacityCost(points, span);
  const total = replicaTime(points, span);
  return {
    costUsd,
    // Per-hour rounding may pass the whole by half a picodollar per hour; idle never exceeds it.
    idleUsd: idleUsd > costUsd ? costUsd : idleUsd,
    busyReplicaTime: total > idleTime ? total - idleTime : 0n,
    replicaTime: total,
    servedTokens,
  };
}

/** A group's share of an amount by its tokens: half-up, 0 when the model served nothing. */
export const shareOf = (amount: Picos, tokens: bigint, served: bigint): Picos =>
  served === 0n ? 0n : divideRounded(amount * tokens, served);

/** Splits a self-hosted amount over token kinds by count: output takes the rounding rest. */
export function splitByTokens(
  amount: Picos,
  tokens: { input: bigint; cached: bigint; output: bigint },
): { input: Picos; cached: Picos; output: Picos } {
  const all = tokens.input + tokens.cached + tokens.output;
  const input = shareOf(amount, tokens.input, all);
  const cached = shareOf(amount, tokens.cached, all);
  return { input, cached, output: all === 0n ? 0n : amount - input - cached };
}
