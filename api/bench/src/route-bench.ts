import { runLoad, type LoadResult } from './load.js';
import { ratio, summarize, type Summary } from './stats.js';
import type { TargetSpec } from './targets.js';

export interface Rpc {
  readonly rpc: string;
  readonly target: TargetSpec;
}

export interface LatencyRun {
  readonly rpc: string;
  readonly concurrency: number;
  readonly summary: Summary;
  readonly firstError?: string;
}

export interface Ratios {
  /** subject / baseline: p50, p99 (above 1: slower) and throughput (below 1: fewer calls/s). */
  readonly p50: number;
  readonly p99: number;
  readonly perSecond: number;
  /** Server CPU per call (above 1: more work per call). */
  readonly cpu: number;
}

export interface LatencyComparison {
  readonly concurrency: number;
  /** The baselines, in the order given (Health/Check, then the echo of Route's sizes). */
  readonly baselines: readonly LatencyRun[];
  readonly subject: LatencyRun | undefined;
  /** The subject against each baseline, in the same order. */
  readonly ratios: readonly Ratios[];
}

export interface LatencyPlan {
  readonly concurrencies: readonly number[];
  /** Baseline and subject alternate this many times per concurrency; samples are pooled. */
  readonly rounds: number;
  readonly warmupMs: number;
  /** Measured time of one round of one RPC. */
  readonly durationMs: number;
}

const pooled = (results: readonly LoadResult[]): LoadResult => ({
  latenciesMs: results.flatMap((r) => r.latenciesMs),
  elapsedMs: results.reduce((sum, r) => sum + r.elapsedMs, 0),
  errors: results.reduce((sum, r) => sum + r.errors, 0),
  serverCpuMs: results.reduce((sum, r) => sum + r.serverCpuMs, 0),
  firstError: results.find((r) => r.firstError !== undefined)?.firstError,
});

function toRun(rpc: Rpc, concurrency: number, results: readonly LoadResult[]): LatencyRun {
  const result = pooled(results);
  const run = { rpc: rpc.rpc, concurrency, summary: summarize(result) };
  return result.firstError === undefined ? run : { ...run, firstError: result.firstError };
}

function ratiosOf(run: LatencyRun | undefined, base: LatencyRun): Ratios {
  const of = (pick: (s: Summary) => number) =>
    ratio(run ? pick(run.summary) : Number.NaN, pick(base.summary));
  return {
    p50: of((s) => s.p50Ms),
    p99: of((s) => s.p99Ms),
    perSecond: of((s) => s.perSecond),
    cpu: of((s) => s.cpuUs),
  };
}

/**
 * Per concurrency, each baseline RPC and the subject in alternating rounds on the same machine,
 * so all see the same load (other load on a shared machine drifts; alternating spreads it over
 * all of them); the ratios are the figures to read, the absolute times are this machine's.
 * `subject` undefined measures the baselines alone.
 */
export async function compareLatency(
  baselines: readonly Rpc[],
  subject: Rpc | undefined,
  plan: LatencyPlan,
): Promise<LatencyComparison[]> {
  const comparisons: LatencyComparison[] = [];
  const rpcs = subject === undefined ? baselines : [...baselines, subject];
  for (const concurrency of plan.concurrencies) {
    const load = { concurrency, warmupMs: plan.warmupMs, durationMs: plan.durationMs };
    const results = rpcs.map((): LoadResult[] => []);
    for (let round = 0; round < plan.rounds; round++) {
      for (const [i, rpc] of rpcs.entries()) {
        results[i]?.push(await runLoad({ ...load, target: rpc.target }));
      }
    }
    const runs = rpcs.map((rpc, i) => toRun(rpc, concurrency, results[i] ?? []));
    const base = runs.slice(0, baselines.length);
    const run = subject === undefined ? undefined : runs[baselines.length];
    const ratios = base.map((b) => ratiosOf(run, b));
    comparisons.push({ concurrency, baselines: base, subject: run, ratios });
  }
  return comparisons;
}
