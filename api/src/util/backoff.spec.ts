import { exponentialDelay } from './backoff.js';

describe('exponentialDelay', () => {
  const backoff = { initialMs: 500, maxMs: 20_000 };

  it.each([
    [0, 500],
    [1, 500],
    [2, 1000],
    [3, 2000],
    [6, 16_000],
    [7, 20_000],
    [50, 20_000],
    [10_000, 20_000],
  ])('waits after attempt %i for %i ms', (attempt, expected) => {
    expect(exponentialDelay(attempt, backoff)).toBe(expected);
  });
});
