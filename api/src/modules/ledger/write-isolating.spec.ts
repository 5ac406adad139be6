import { writeIsolating } from './write-isolating.js';

class Refusal extends Error {}
class Outage extends Error {}

/** A fake table that refuses any statement holding a poison item, and records what committed. */
function table(poison: ReadonlySet<number>) {
  const committed: number[] = [];
  const statements: number[][] = [];
  const write = (items: readonly number[]) => {
    statements.push([...items]);
    if (items.some((i) => poison.has(i))) return Promise.reject(new Refusal(`poison`));
    committed.push(...items);
    return Promise.resolve();
  };
  return { committed, statements, write };
}

const isolate = (error: unknown) => error instanceof Refusal;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('writeIsolating', () => {
  it.each([
    [0, [], 0],
    [1, [], 1],
    [500, [], 1],
    [1, [0], 1],
    [500, [137], 19],
    [500, [0, 499], 33],
    [8, [0, 1, 2, 3, 4, 5, 6, 7], 15],
  ])('of %i items with poison %j commits the rest in %i statements', (n, poison, count) => {
    const t = table(new Set(poison));
    return writeIsolating(range(n), t.write, isolate).then((refused) => {
      expect(refused.map((r) => r.item)).toEqual(poison);
      expect(refused.every((r) => r.error instanceof Refusal)).toBe(true);
      expect(t.committed.sort((a, b) => a - b)).toEqual(
        range(n).filter((i) => !poison.includes(i)),
      );
      expect(t.statements).toHaveLength(count);
    });
  });

  it('throws any other error for the caller to retry the whole batch', async () => {
    const outage = new Outage('connection refused');
    const write = () => Promise.reject(outage);
    await expect(writeIsolating(range(10), write, isolate)).rejects.toBe(outage);
  });
});
