import { RetryBuffer } from './retry-buffer.js';

function buffer(capacity: number, outcomes: Array<number | Error>) {
  const delivered: number[][] = [];
  const errors: unknown[] = [];
  const sizes: number[] = [];
  const retry = new RetryBuffer<number>({
    capacity,
    maxBatch: 3,
    intervalMs: 1_000_000,
    deliver: (batch) => {
      const outcome = outcomes.shift() ?? batch.length;
      if (outcome instanceof Error) return Promise.reject(outcome);
      delivered.push(batch.slice(0, outcome));
      return Promise.resolve(outcome);
    },
    onError: (error) => errors.push(error),
    onSize: (size) => sizes.push(size),
  });
  return { retry, delivered, errors, sizes };
}

describe('RetryBuffer', () => {
  it('refuses items beyond its capacity', () => {
    const { retry } = buffer(2, [new Error('down'), new Error('down')]);
    expect([retry.add(1), retry.add(2), retry.add(3)]).toEqual([true, true, false]);
    expect(retry.size).toBe(2);
  });

  it.each([
    ['delivered at once', [2, 0], [[1, 2]], 0],
    ['kept through a failure, delivered next round', [new Error('down'), 2], [[1, 2]], 0],
    ['partly delivered, the rest next round', [1, 1], [[1], [2]], 0],
    ['partly delivered, the rest kept through a failure', [1, new Error('down')], [[1]], 1],
    ['kept through two failures', [new Error('down'), new Error('down')], [], 2],
  ] as const)('%s', async (_, outcomes, expected, left) => {
    const { retry, delivered, errors } = buffer(10, [...outcomes]);
    retry.add(1);
    retry.add(2);
    await retry.flush();
    await retry.flush();
    expect(delivered).toEqual(expected);
    expect(retry.size).toBe(left);
    expect(errors).toHaveLength(outcomes.filter((o) => o instanceof Error).length);
  });
});
