/**
 * Recent smallOk scores of one policy as counts per whole percent: index p counts the scores with
 * p <= smallOk * 100 < p + 1 (index 100: smallOk 1). A boundary is a whole percent and the engine
 * sends a query to the last tier when smallOk * 100 is below it, so these 101 counts answer every
 * question calibration asks exactly, whatever the number of decisions: the read stays bounded.
 */
export type ScoreHistogram = readonly number[];

export const HISTOGRAM_SIZE = 101;

export const emptyHistogram = (): number[] => new Array<number>(HISTOGRAM_SIZE).fill(0);

/** The histogram bin of a smallOk in [0, 1] (out-of-range values are clamped). */
export const percentBin = (smallOk: number): number =>
  Math.min(100, Math.max(0, Math.floor(smallOk * 100)));

export function histogramOf(scores: readonly number[]): number[] {
  const bins = emptyHistogram();
  for (const score of scores) bins[percentBin(score)] = (bins[percentBin(score)] ?? 0) + 1;
  return bins;
}

export const totalOf = (histogram: ScoreHistogram): number =>
  histogram.reduce((sum, n) => sum + n, 0);

/** How many scores fall below `boundary` percent (they go to the last tier). */
export function countBelow(histogram: ScoreHistogram, boundary: number): number {
  let below = 0;
  for (let p = 0; p < Math.min(boundary, histogram.length); p += 1) below += histogram[p] ?? 0;
  return below;
}
