import type { BoundaryRange } from './boundary.js';
import { countBelow, totalOf, type ScoreHistogram } from './score-histogram.js';

export interface FrontierShareResult {
  readonly boundary: number;
  /** Scores the boundary was computed from. */
  readonly scores: number;
  /** Share of those scores below the boundary, in percent (one decimal). */
  readonly frontierPercent: number;
}

/**
 * maxFrontierPercent (RouteLLM's calibration: a quantile of recent scores): the highest boundary
 * in range that sends at most maxFrontierPercent of the scores to the last tier. Highest, because
 * the frontier's share is what the policy pays for quality with: it gets all of it. When even the
 * lowest boundary sends more (many scores below 1%), the lowest. undefined without scores.
 */
export function frontierShareBoundary(
  histogram: ScoreHistogram,
  maxFrontierPercent: number,
  range: BoundaryRange,
): FrontierShareResult | undefined {
  const scores = totalOf(histogram);
  if (scores === 0) return undefined;
  let boundary = range.min;
  // Integer comparison (below / scores <= percent / 100), so 30% of 10 scores allows exactly 3.
  for (let b = range.min; b <= range.max; b += 1)
    if (countBelow(histogram, b) * 100 <= maxFrontierPercent * scores) boundary = b;
  const frontierPercent = Math.round((countBelow(histogram, boundary) * 1000) / scores) / 10;
  return { boundary, scores, frontierPercent };
}
