/** Judged shadow pairs of one group (a smallOk bucket or a task kind). */
export interface Judged {
  readonly judged: number;
  readonly accepted: number;
}

/** Ten buckets of ten points: bucket b holds 10b <= smallOk * 100 < 10b + 10 (smallOk 1: 9). */
export const BUCKETS = 10;

export const bucketOfPercent = (percent: number): number =>
  Math.min(BUCKETS - 1, Math.max(0, Math.floor(percent / 10)));

/**
 * Estimated acceptance per bucket, from the judged pairs (index = bucket, missing = none judged).
 * Each bucket is shrunk toward the estimate of the bucket above it by `priorWeight` pseudo-pairs
 * (the top bucket toward the pooled rate, itself Laplace-smoothed): one pair cannot swing a
 * bucket, and a bucket nobody judged (typically below the boundary, as shadow calls only sample
 * queries kept off the last tier) is assumed no better than the scores above it, which is the
 * smallOk model's very claim. undefined when no pair was judged at all.
 */
export function bucketAcceptance(
  buckets: readonly (Judged | undefined)[],
  priorWeight: number,
): number[] | undefined {
  const judged = buckets.reduce((sum, b) => sum + (b?.judged ?? 0), 0);
  if (judged === 0) return undefined;
  const accepted = buckets.reduce((sum, b) => sum + (b?.accepted ?? 0), 0);
  let prior = (accepted + 1) / (judged + 2);
  const estimates = new Array<number>(BUCKETS).fill(0);
  for (let b = BUCKETS - 1; b >= 0; b -= 1) {
    const own = buckets[b];
    prior = ((own?.accepted ?? 0) + priorWeight * prior) / ((own?.judged ?? 0) + priorWeight);
    estimates[b] = prior;
  }
  return estimates;
}
