import { runLoad } from './load.js';
import { ratio, summarize, type Summary } from './stats.js';
import type { TargetSpec } from './targets.js';

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
  readonly warmupMs: number;
  readonly durationMs: number;
}

async function measure(
  rpc: string,
  target: TargetSpec,
  concurrency: number,
  plan: LatencyPlan,
): Promise<LatencyRun> {
  const result = await runLoad({
    target,
    concurrency,
    warmupMs: plan.warmupMs,
    durationMs: plan.durationMs,
  });
  const run = { rpc, concurrency, summary: summarize(result) };
  return result.firstError === undefined ? run : { ...run, firstError: result.firstError };
}

/**
 * Per concurrency, the baseline RPC then the subject, back to back on the same server, so both
 * see the same machine state; the ratio is the figure to read, the absolute times are this
 * machine's. `subject` undefined measures the baseline alone.
 */
export async function compareLatency(
  baseline: { readonly rpc: string; readonly target: TargetSpec },
  subject: { readonly rpc: string; readonly target: TargetSpec } | undefined,
  plan: LatencyPlan,
): Promise<LatencyComparison[]> {
  const comparisons: LatencyComparison[] = [];
  for (const concurrency of plan.concurrencies) {
    const base = await measure(baseline.rpc, baseline.target, concurrency, plan);
    const run = subject && (await measure(subject.rpc, subject.target, concurrency, plan));
    const of = (pick: (s: Summary) => number) =>
      ratio(run ? pick(run.summary) : Number.NaN, pick(base.summary));
    comparisons.push({
      concurrency,
      baseline: base,
      subject: run,
      ratios: {
        p50: of((s) => s.p50Ms),
        p99: of((s) => s.p99Ms),
        perSecond: of((s) => s.perSecond),
      },
    });
  }
  return comparisons;
}
