import type { CapacityPoint } from '../ledger/capacity-cost.js';
import { shareOf, spanCapacity, splitByTokens } from './self-hosted.js';

const d = (hhmm: string) => new Date(`2026-11-01T${hhmm}:00Z`);
const H = 3_600_000;
const PICO_PER_MICRO = 1_000_000n;
// 2 replicas x 1 GPU at $2/h from 00:00; 1 replica from 06:00; 0 from 12:00.
const points: CapacityPoint[] = [
  { observedAt: d('00:00'), readyReplicas: 2, gpusPerReplica: 1, gpuHourlyUSD: 2_000_000n },
  { observedAt: d('06:00'), readyReplicas: 1, gpusPerReplica: 1, gpuHourlyUSD: 2_000_000n },
  { observedAt: d('12:00'), readyReplicas: 0, gpusPerReplica: 1, gpuHourlyUSD: 2_000_000n },
];
const busy = (hours: number[]) => (start: number) =>
  hours.includes((start - d('00:00').getTime()) / H) ? 1n : 0n;

describe('spanCapacity', () => {
  it.each([
    // window, busy hours, cost $, idle $, busy share numerator/denominator in replica-hours
    ['00:00', '12:00', [], 2 * 6 * 2 + 1 * 6 * 2, 2 * 6 * 2 + 1 * 6 * 2, 0, 18],
    ['00:00', '12:00', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 36, 0, 18, 18],
    ['05:00', '07:00', [5], 2 * 2 + 1 * 2, 1 * 2, 2, 3],
    ['05:30', '06:30', [6], 2 * 0.5 * 2 + 1 * 0.5 * 2, 2 * 0.5 * 2, 0.5, 1.5],
    ['11:00', '14:00', [12], 1 * 2, 1 * 2, 0, 1],
  ])('%s-%s busy %j: $%d, idle $%d', (...row) => {
    const [from, to, hours, cost, idle, busyRh, allRh] = row;
    const span = spanCapacity(points, { from: d(from), to: d(to) }, busy(hours), 7n);
    expect(span.costUsd).toBe(BigInt(cost * 1e6) * PICO_PER_MICRO);
    expect(span.idleUsd).toBe(BigInt(idle * 1e6) * PICO_PER_MICRO);
    expect(span.busyReplicaTime).toBe(BigInt(busyRh * 1e6) * PICO_PER_MICRO);
    expect(span.replicaTime).toBe(BigInt(allRh * 1e6) * PICO_PER_MICRO);
    expect(span.servedTokens).toBe(7n);
  });
});

describe('shareOf / splitByTokens', () => {
  it.each([
    [100n, 1n, 4n, 25n],
    [100n, 1n, 3n, 33n],
    [100n, 2n, 3n, 67n],
    [100n, 5n, 0n, 0n],
  ])('%d x %d / %d = %d', (amount, tokens, served, share) => {
    expect(shareOf(amount, tokens, served)).toBe(share);
  });

  it.each([
    [100n, { input: 1n, cached: 1n, output: 1n }, { input: 33n, cached: 33n, output: 34n }],
    [90n, { input: 6n, cached: 0n, output: 3n }, { input: 60n, cached: 0n, output: 30n }],
    [5n, { input: 0n, cached: 0n, output: 0n }, { input: 0n, cached: 0n, output: 0n }],
  ])('splits %d over %j', (amount, tokens, split) => {
    expect(splitByTokens(amount, tokens)).toEqual(split);
  });
});
