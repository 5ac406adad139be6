import { backoffDelay, ItemExponentialBackoff } from './backoff.js';

describe('backoffDelay', () => {
  it.each([
    [0, 5],
    [1, 10],
    [2, 20],
    [10, 5120],
    [17, 655_360],
    [18, 1_000_000],
    [40, 1_000_000],
    [5000, 1_000_000],
    [-1, 5],
  ])('after %i failures waits %i ms', (failures, expected) => {
    expect(backoffDelay(failures)).toBe(expected);
  });

  it.each([
    [{ baseMs: 1000, maxMs: 30_000 }, 0, 1000],
    [{ baseMs: 1000, maxMs: 30_000 }, 4, 16_000],
    [{ baseMs: 1000, maxMs: 30_000 }, 5, 30_000],
  ])('honours policy %j at %i failures', (policy, failures, expected) => {
    expect(backoffDelay(failures, policy)).toBe(expected);
  });
});

describe('ItemExponentialBackoff', () => {
  it('doubles per key and resets on forget', () => {
    const backoff = new ItemExponentialBackoff();
    expect([backoff.when('a'), backoff.when('a'), backoff.when('a')]).toEqual([5, 10, 20]);
    expect(backoff.when('b')).toBe(5);
    expect(backoff.numRequeues('a')).toBe(3);
    backoff.forget('a');
    expect(backoff.numRequeues('a')).toBe(0);
    expect(backoff.when('a')).toBe(5);
  });
});
