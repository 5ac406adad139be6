/** What one load run measured: every call's latency, and how long the run lasted. */
export interface Samples {
  readonly latenciesMs: readonly number[];
  readonly elapsedMs: number;
  readonly errors: number;
  /** CPU time the servers' thread spent during the run (NaN where it cannot be read). */
  readonly serverCpuMs: number;
}

export interface Summary {
  readonly calls: number;
  readonly errors: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Completed calls per second of the run. */
  readonly perSecond: number;
  /** Server CPU per completed call, in microseconds. */
  readonly cpuUs: number;
}

/** Nearest-rank percentile of ascending `sorted` (no interpolation: a latency that happened). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export function summarize(samples: Samples): Summary {
  const sorted = [...samples.latenciesMs].sort((a, b) => a - b);
  return {
    calls: sorted.length,
    errors: samples.errors,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    perSecond: sorted.length / (samples.elapsedMs / 1000),
    cpuUs: (samples.serverCpuMs * 1000) / sorted.length,
  };
}

/** `a / b`, or NaN when there is no baseline to compare with. */
export const ratio = (a: number, b: number): number => (b > 0 ? a / b : Number.NaN);
