import { MicroBatcher } from './micro-batcher.js';

class Poison extends Error {}

function recorder(fail: (items: readonly number[]) => Error | undefined = () => undefined) {
  const writes: number[][] = [];
  const batcher = new MicroBatcher<number>({
    maxItems: 3,
    maxWaitMs: 5,
    write: (items) => {
      writes.push([...items]);
      const error = fail(items);
      return error ? Promise.reject(error) : Promise.resolve();
    },
    isolate: (error) => error instanceof Poison,
  });
  return { writes, batcher };
}

const outcome = (promise: Promise<void>) =>
  promise.then(
    () => 'written',
    (error: Error) => error.constructor.name,
  );

describe('MicroBatcher', () => {
  it('writes a full batch at once and the rest after the wait', async () => {
    const { writes, batcher } = recorder();
    const results = await Promise.all([1, 2, 3, 4].map((n) => outcome(batcher.add(n))));

    expect(results).toEqual(['written', 'written', 'written', 'written']);
    expect(writes).toEqual([[1, 2, 3], [4]]);
  });

  it('rejects every item of a batch that failed as a whole, and writes nothing alone', async () => {
    const { writes, batcher } = recorder(() => new Error('database down'));
    const results = await Promise.all([1, 2].map((n) => outcome(batcher.add(n))));

    expect(results).toEqual(['Error', 'Error']);
    expect(writes).toEqual([[1, 2]]);
  });

  it('isolates a poison item so the others are written', async () => {
    const { writes, batcher } = recorder((items) => (items.includes(2) ? new Poison() : undefined));
    const results = await Promise.all([1, 2, 3].map((n) => outcome(batcher.add(n))));

    expect(results).toEqual(['written', 'Poison', 'written']);
    expect(writes).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it('writes nothing when flushed empty', async () => {
    const { writes, batcher } = recorder();
    await batcher.flush();
    expect(writes).toEqual([]);
  });
});
