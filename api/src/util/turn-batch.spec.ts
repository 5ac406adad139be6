import { TurnBatch } from './turn-batch.js';

describe('TurnBatch', () => {
  it('runs what one turn asked as one batch, and answers each in order', async () => {
    const batches: number[][] = [];
    const batch = new TurnBatch((items: number[]) => {
      batches.push(items);
      return Promise.resolve(items.map((n) => n * 10));
    });
    const first = await Promise.all([batch.add(1), batch.add(2), batch.add(3)]);
    const later = await batch.add(4);
    expect(first).toEqual([10, 20, 30]);
    expect(later).toBe(40);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('rejects every item of a batch that failed, thrown or rejected', async () => {
    const thrown = new TurnBatch<number, number>(() => {
      throw new Error('down');
    });
    const rejected = new TurnBatch<number, number>(() => Promise.reject(new Error('gone')));
    await expect(Promise.all([thrown.add(1), thrown.add(2)])).rejects.toThrow('down');
    await expect(rejected.add(1)).rejects.toThrow('gone');
  });

  it('rejects the items a short answer left out', async () => {
    const batch = new TurnBatch((items: number[]) => Promise.resolve(items.slice(1)));
    const results = await Promise.allSettled([batch.add(1), batch.add(2)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
  });
});
