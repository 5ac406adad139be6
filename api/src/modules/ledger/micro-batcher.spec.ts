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
    // Bisected: [1, 2] fails, [1] lands, [2] is the poison, [3] lands.
    expect(writes).toEqual([[1, 2, 3], [1, 2], [1], [2], [3]]);
  });

  it('finds one poison item among 200 in a few statements, not one per item', async () => {
    const writes: number[][] = [];
    const batcher = new MicroBatcher<number>({
      maxItems: 200,
      maxWaitMs: 5,
      write: (items) => {
        writes.push([...items]);
        return items.includes(137) ? Promise.reject(new Poison()) : Promise.resolve();
      },
      isolate: (error) => error instanceof Poison,
    });
    const items = Array.from({ length: 200 }, (_, i) => i);
    const results = await Promise.all(items.map((n) => outcome(batcher.add(n))));

    expect(results.filter((r) => r === 'Poison')).toHaveLength(1);
    expect(results[137]).toBe('Poison');
    expect(writes.length).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(200)));
  });

  it('rejects the batch when the database goes away in the middle of isolating', async () => {
    let calls = 0;
    const { batcher } = {
      batcher: new MicroBatcher<number>({
        maxItems: 4,
        maxWaitMs: 5,
        write: () => Promise.reject(++calls === 1 ? new Poison() : new Error('database down')),
        isolate: (error) => error instanceof Poison,
      }),
    };
    const results = await Promise.all([1, 2, 3, 4].map((n) => outcome(batcher.add(n))));
    expect(results).toEqual(['Error', 'Error', 'Error', 'Error']);
  });

  it('writes nothing when flushed empty', async () => {
    const { writes, batcher } = recorder();
    await batcher.flush();
    expect(writes).toEqual([]);
  });

  it('with a write in flight and maxConcurrentWrites 1, gathers what arrives into the next batch', async () => {
    const writes: number[][] = [];
    let release = () => undefined as void;
    const first = new Promise<void>((resolve) => (release = resolve));
    const batcher = new MicroBatcher<number>({
      maxItems: 10,
      maxWaitMs: 1,
      maxConcurrentWrites: 1,
      write: (items) => {
        writes.push([...items]);
        return writes.length === 1 ? first : Promise.resolve();
      },
      isolate: () => false,
    });
    const written = [batcher.add(1)];
    await new Promise((resolve) => setTimeout(resolve, 20));
    written.push(...[2, 3, 4].map((n) => batcher.add(n)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(writes).toEqual([[1]]);
    release();
    await Promise.all(written);
    expect(writes).toEqual([[1], [2, 3, 4]]);
  });
});
