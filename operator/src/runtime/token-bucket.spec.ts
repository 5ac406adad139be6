import { fullBucket, reserve, type BucketState } from './token-bucket.js';

const limits = { qps: 20, burst: 30 };

function takeMany(n: number, now: number, start: BucketState): number[] {
  let state = start;
  const waits: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = reserve(state, limits, now);
    state = r.state;
    waits.push(r.waitMs);
  }
  return waits;
}

describe('token bucket', () => {
  it('lets a burst through at once, then spaces requests at 1/qps', () => {
    const waits = takeMany(33, 0, fullBucket(limits, 0));
    expect(waits.slice(0, 30)).toEqual(Array<number>(30).fill(0));
    expect(waits.slice(30)).toEqual([50, 100, 150]);
  });

  it.each([
    // [tokens before, ms elapsed, expected wait, expected tokens after]
    [0, 0, 50, -1],
    [0, 50, 0, 0],
    [0, 25, 25, -0.5],
    [30, 10_000, 0, 29],
    [-2, 0, 150, -3],
    [-2, 1000, 0, 17],
  ])('with %d tokens after %d ms waits %d ms', (tokens, elapsed, wait, after) => {
    const r = reserve({ tokens, at: 0 }, limits, elapsed);
    expect(r.waitMs).toBe(wait);
    expect(r.state.tokens).toBeCloseTo(after);
  });

  it('refills to at most the burst', () => {
    const r = reserve({ tokens: 0, at: 0 }, limits, 3_600_000);
    expect(r.state.tokens).toBe(29);
  });
});
