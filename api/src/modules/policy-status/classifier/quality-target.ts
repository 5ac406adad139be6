import type { BoundaryRange } from './boundary.js';
import { bucketOfPercent } from './acceptance.js';
import { totalOf, type ScoreHistogram } from './score-histogram.js';

export interface QualityResult {
  readonly boundary: number;
  /** Estimated share, in percent (one decimal), of queries kept off the last tier answered well. */
  readonly qualityPercent: number;
  /** Scores the estimate weighs: the recent distribution. */
  readonly scores: number;
  /** False when no boundary in range meets the target (the highest is used). */
  readonly met: boolean;
}

/**
 * Estimated quality at a boundary: of the recent queries at or above it (kept off the last tier),
 * the expected share whose cheap answer is acceptable, each weighted by its bucket's acceptance.
 * 1 when no query is kept: nothing cheap, nothing wrong.
 */
export function qualityAt(
  histogram: ScoreHistogram,
  acceptance: readonly number[],
  boundary: number,
): number {
  let kept = 0;
  let good = 0;
  for (let p = Math.max(0, boundary); p < histogram.length; p += 1) {
    const n = histogram[p] ?? 0;
    kept += n;
    good += n * (acceptance[bucketOfPercent(p)] ?? 0);
  }
  return kept === 0 ? 1 : good / kept;
}

/**
 * minQualityPercent: the lowest boundary in range (the most queries kept cheap) whose estimated
 * quality meets the target. None meets it: the highest, with met false. undefined without scores.
 */
export function qualityBoundary(
  histogram: ScoreHistogram,
  acceptance: readonly number[],
  minQualityPercent: number,
  range: BoundaryRange,
): QualityResult | undefined {
  const scores = totalOf(histogram);
  if (scores === 0) return undefined;
  // A hair of tolerance: 19 of 20 is 95% even where floating point says 0.9499999.
  const target = minQualityPercent / 100 - 1e-9;
  let boundary = range.max;
  for (let b = range.min; b <= range.max; b += 1) {
    if (qualityAt(histogram, acceptance, b) >= target) {
      boundary = b;
      break;
    }
  }
  const quality = qualityAt(histogram, acceptance, boundary);
  const qualityPercent = Math.round(quality * 1000) / 10;
  return { boundary, qualityPercent, scores, met: quality >= target };
}
