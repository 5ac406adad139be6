import type { Micros, Picos } from '../../ledger/money.js';
import { newFigures, type GroupFigures } from '../figures.js';
import type { AllocatedHour } from '../model-hours.js';

/** Builders for the crossover specs: model hours and a caller's row, stated in plain units. */

export const USD: Picos = 1_000_000_000_000n;
export const HOUR_MS = 3_600_000;
const START = Date.parse('2026-03-02T00:00:00Z');

export interface HourShape {
  readonly replicas?: number;
  readonly gpusPerReplica?: number;
  readonly gpuHourlyUSD?: Micros;
  readonly maxConcurrency?: number;
  /** Minutes of the hour with the replicas ready (the rest at zero). */
  readonly minutes?: number;
  readonly requestMs?: bigint;
  readonly servedTokens?: bigint;
  readonly tier?: string;
}

const L4_HOUR: Required<HourShape> = {
  replicas: 1,
  gpusPerReplica: 1,
  gpuHourlyUSD: 800_000n,
  maxConcurrency: 4,
  minutes: 60,
  requestMs: 0n,
  servedTokens: 0n,
  tier: 'small',
};

/** Hour `index` after 2026-03-02T00:00Z of ml/l4: by default one L4 at $0.80/h, maxNumSeqs 4. */
export function modelHour(index: number, shape: HourShape = {}): AllocatedHour {
  const s = { ...L4_HOUR, ...shape };
  const replicas = BigInt(s.replicas);
  const runMs = BigInt(s.minutes * 60_000);
  const replicaMs = replicas * runMs;
  const from = new Date(START + index * HOUR_MS);
  const costMicroMs = BigInt(s.gpusPerReplica) * s.gpuHourlyUSD * replicaMs;
  return {
    model: 'ml/l4',
    hour: from,
    span: { from, to: new Date(from.getTime() + HOUR_MS) },
    // micro-USD per hour x replica-ms -> picodollars: x 1e6 / 3.6e6 (exact for whole minutes)
    costUsd: (costMicroMs * 1_000_000n) / BigInt(HOUR_MS),
    costMicroMs,
    replicaMs,
    capacityMs: replicaMs * BigInt(s.maxConcurrency),
    runMs: replicas > 0n ? runMs : 0n,
    tier: s.tier,
    requestMs: s.requestMs,
    servedTokens: s.servedTokens,
    usedUsd: 0n,
    idleUsd: 0n,
  };
}

export const hoursRange = (count: number, shape: HourShape = {}): AllocatedHour[] =>
  Array.from({ length: count }, (_, index) => modelHour(index, shape));

export interface Traffic {
  readonly calls: bigint;
  /** Uncached input tokens. */
  readonly input: bigint;
  readonly cached?: bigint;
  readonly output: bigint;
  /** Queries per tier this model answered. */
  readonly tiers?: Record<string, bigint>;
  readonly selfHostedUsd?: Picos;
  readonly idleUsd?: Picos;
}

/** The caller's row for ml/l4 grouped by model. */
export function callerRow(traffic: Traffic): GroupFigures {
  const figures = newFigures(new Date(START), ['ml/l4']);
  const { sums } = figures;
  sums.requests = traffic.calls;
  sums.modelCalls = traffic.calls;
  Object.assign(sums.tokens, {
    input: traffic.input,
    cached: traffic.cached ?? 0n,
    output: traffic.output,
  });
  for (const [tier, queries] of Object.entries(traffic.tiers ?? {}))
    sums.routing.set(tier, new Map([['ml/l4', queries]]));
  figures.selfHostedUsd = traffic.selfHostedUsd ?? 0n;
  figures.idleUsd = traffic.idleUsd ?? 0n;
  return figures;
}
