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

export interface LatencyComparison {
  readonly concurrency: number;
  readonly baseline: LatencyRun;
  readonly subject: LatencyRun | undefined;
  /** subject / baseline: p50, p99 (above 1: slower) and throughput (below 1: fewer calls/s). */
  readonly ratios: { readonly p50: number; readonly p99: number; readonly perSecond: number };
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
  firstError: results.find((r) => r.firstError !== undefined)?.firstError,
});

function toRun(rpc: Rpc, concurrency: number, results: readonly LoadResult[]): LatencyRun {
  const result = pooled(results);
  const run = { rpc: rpc.rpc, concurrency, summary: summarize(result) };
  return result.firstError === undefined ? run : { ...run, firstError: result.firstError };
}

function compare(concurrency: number, base: LatencyRun, run: LatencyRun | undefined) {
  const of = (pick: (s: Summary) => number) =>
    ratio(run ? pick(run.summary) : Number.NaN, pick(base.summary));
  const ratios = {
    p50: of((s) => s.p50Ms),
    p99: of((s) => s.p99Ms),
    perSecond: of((s) => s.perSecond),
  };
  return { concurrency, baseline: base, subject: run, ratios };
}

/**
 * Per concurrency, the baseline RPC and the subject in alternating rounds on the same server,
 * so both see the same machine (other load on a shared machine drifts; alternating spreads it
 * over both); the ratio is the figure to read, the absolute times are this machine's.
 * `subject` undefined measures the baseline alone.
 */
export async function compareLatency(
  baseline: Rpc,
  subject: Rpc | undefined,
  plan: LatencyPlan,
): Promise<LatencyComparison[]> {
  const comparisons: LatencyComparison[] = [];
  for (const concurrency of plan.concurrencies) {
    const load = { concurrency, warmupMs: plan.warmupMs, durationMs: plan.durationMs };
    const base: LoadResult[] = [];
    const subjects: LoadResult[] = [];
    for (let round = 0; round < plan.rounds; round++) {
      base.push(await runLoad({ ...load, target: baseline.target }));
      if (subject) subjects.push(await runLoad({ ...load, target: subject.target }));
    }
    const run = subject && toRun(subject, concurrency, subjects);
    comparisons.push(compare(concurrency, toRun(baseline, concurrency, base), run));
  }
  return comparisons;
}
