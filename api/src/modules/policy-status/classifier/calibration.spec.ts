import { bucketAcceptance, bucketOfPercent, type Judged } from './acceptance.js';
import { frontierShareBoundary } from './frontier-share.js';
import { qualityAt, qualityBoundary } from './quality-target.js';
import { countBelow, histogramOf, percentBin, totalOf } from './score-histogram.js';

const range = { min: 1, max: 100 };
/** n scores spread evenly over [from, to). */
const spread = (n: number, from = 0, to = 1) =>
  Array.from({ length: n }, (_, i) => from + ((to - from) * (i + 0.5)) / n);

describe('score histogram', () => {
  it.each([
    { smallOk: 0, bin: 0 },
    { smallOk: 0.009, bin: 0 },
    { smallOk: 0.34, bin: 34 },
    { smallOk: 0.695, bin: 69 },
    { smallOk: 1, bin: 100 },
    { smallOk: 1.2, bin: 100 },
    { smallOk: -0.1, bin: 0 },
  ])('smallOk $smallOk is bin $bin', ({ smallOk, bin }) => {
    expect(percentBin(smallOk)).toBe(bin);
  });

  it('counts the scores below a boundary as the engine routes them (smallOk * 100 < boundary)', () => {
    const h = histogramOf([0.339, 0.34, 0.345, 0.9]);
    expect(totalOf(h)).toBe(4);
    expect(countBelow(h, 34)).toBe(1);
    expect(countBelow(h, 35)).toBe(3);
    expect(countBelow(h, 101)).toBe(4);
  });
});

describe('frontierShareBoundary (maxFrontierPercent)', () => {
  it.each([
    { name: 'uniform scores, 30%', scores: spread(1000), max: 30, boundary: 30, share: 30 },
    { name: 'uniform scores, 5%', scores: spread(1000), max: 5, boundary: 5, share: 5 },
    { name: 'exactly 3 of 10 allowed', scores: spread(10), max: 30, boundary: 35, share: 30 },
    {
      name: 'all high: the highest boundary',
      scores: spread(50, 0.9, 1),
      max: 5,
      boundary: 90,
      share: 0,
    },
    { name: '100% allows the highest', scores: spread(20), max: 100, boundary: 100, share: 100 },
    {
      name: 'all below 1%: the lowest, over the target',
      scores: [0, 0.001, 0.005],
      max: 10,
      boundary: 1,
      share: 100,
    },
  ])('$name -> $boundary', ({ scores, max, boundary, share }) => {
    const result = frontierShareBoundary(histogramOf(scores), max, range);
    expect(result).toEqual({ boundary, scores: scores.length, frontierPercent: share });
  });

  it('keeps room for the entries above the boundary', () => {
    expect(frontierShareBoundary(histogramOf(spread(10)), 100, { min: 1, max: 98 })?.boundary).toBe(
      98,
    );
  });

  it('computes nothing without scores', () => {
    expect(frontierShareBoundary(histogramOf([]), 30, range)).toBeUndefined();
  });

  it('is the quantile: the boundary never sends more than the target to the frontier', () => {
    // A skewed distribution (most scores high), every target.
    const scores = spread(997).map((x) => x ** 0.3);
    for (let max = 1; max <= 100; max += 1) {
      const result = frontierShareBoundary(histogramOf(scores), max, range);
      const below = scores.filter((s) => s * 100 < (result?.boundary ?? 0)).length;
      expect(below * 100).toBeLessThanOrEqual(max * scores.length);
      // And one point higher would send more (unless it is already the highest).
      const next = scores.filter((s) => s * 100 < (result?.boundary ?? 0) + 1).length;
      if ((result?.boundary ?? 0) < 100) expect(next * 100).toBeGreaterThan(max * scores.length);
    }
  });
});

/** Judged pairs per bucket from a judge that accepts iff smallOk >= cut. */
function judgedBy(cut: number, perBucket: number): Judged[] {
  return Array.from({ length: 10 }, (_, b) => {
    const scores = spread(perBucket, b / 10, (b + 1) / 10);
    return { judged: perBucket, accepted: scores.filter((s) => s >= cut).length };
  });
}

describe('bucketAcceptance', () => {
  it('is undefined with no judged pair', () => {
    expect(bucketAcceptance([], 5)).toBeUndefined();
    expect(bucketAcceptance([{ judged: 0, accepted: 0 }], 5)).toBeUndefined();
  });

  it('with many pairs per bucket, is close to the observed rate', () => {
    const estimates = bucketAcceptance(judgedBy(0.6, 1000), 5) ?? [];
    expect(estimates.slice(0, 6).every((a) => a < 0.01)).toBe(true);
    expect(estimates.slice(6).every((a) => a > 0.99)).toBe(true);
  });

  it('one pair does not swing a bucket', () => {
    const buckets: Judged[] = [];
    buckets[9] = { judged: 100, accepted: 100 };
    buckets[4] = { judged: 1, accepted: 0 };
    const estimates = bucketAcceptance(buckets, 5) ?? [];
    expect(estimates[4]).toBeGreaterThan(0.8);
  });

  it('a bucket nobody judged takes the estimate of the bucket above it', () => {
    const buckets: Judged[] = [];
    buckets[7] = { judged: 200, accepted: 100 };
    const estimates = bucketAcceptance(buckets, 5) ?? [];
    expect(estimates[7]).toBeCloseTo(0.5, 2);
    expect(estimates[3]).toBeCloseTo(estimates[7] ?? 0, 10);
    // Above the judged bucket: the pooled rate, Laplace-smoothed.
    expect(estimates[9]).toBeCloseTo(101 / 202, 10);
  });

  it.each([
    { percent: 0, bucket: 0 },
    { percent: 9, bucket: 0 },
    { percent: 10, bucket: 1 },
    { percent: 100, bucket: 9 },
  ])('percent $percent is bucket $bucket', ({ percent, bucket }) =>
    expect(bucketOfPercent(percent)).toBe(bucket),
  );
});

describe('qualityBoundary (minQualityPercent)', () => {
  const scores = histogramOf(spread(1000));
  const acceptance = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1];

  it('quality is the acceptance of the queries kept, weighted by the scores', () => {
    expect(qualityAt(scores, acceptance, 60)).toBe(1);
    expect(qualityAt(scores, acceptance, 50)).toBeCloseTo(0.8, 5);
    expect(qualityAt(histogramOf([0.01]), acceptance, 50)).toBe(1);
  });

  it.each([
    { target: 100, boundary: 60, quality: 100 },
    { target: 95, boundary: 58, quality: 95.2 },
    { target: 80, boundary: 50, quality: 80 },
    { target: 50, boundary: 20, quality: 50 },
    { target: 1, boundary: 1, quality: 40.4 },
  ])('target $target -> boundary $boundary', ({ target, boundary, quality }) => {
    expect(qualityBoundary(scores, acceptance, target, range)).toEqual({
      boundary,
      qualityPercent: quality,
      scores: 1000,
      met: true,
    });
  });

  it('unreachable: the highest boundary, not met', () => {
    const poor = new Array<number>(10).fill(0.5);
    const result = qualityBoundary(scores, poor, 90, { min: 1, max: 99 });
    expect(result).toMatchObject({ boundary: 99, met: false, qualityPercent: 50 });
  });

  it('computes nothing without scores', () => {
    expect(qualityBoundary(histogramOf([]), acceptance, 95, range)).toBeUndefined();
  });

  it('from judged pairs of a score-dependent judge, the boundary lands at the cut', () => {
    const estimates = bucketAcceptance(judgedBy(0.6, 200), 5) ?? [];
    const result = qualityBoundary(scores, estimates, 95, range);
    expect(result?.boundary).toBeGreaterThanOrEqual(56);
    expect(result?.boundary).toBeLessThanOrEqual(60);
  });
});
