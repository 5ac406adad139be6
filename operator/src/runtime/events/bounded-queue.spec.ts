import { BoundedQueue } from './bounded-queue.js';

describe('BoundedQueue', () => {
  it('keeps order and drops (and counts) what does not fit, never growing past capacity', () => {
    const queue = new BoundedQueue<number>(3);
    const pushed = [1, 2, 3, 4, 5].map((n) => queue.push(n));
    expect(pushed).toEqual([true, true, true, false, false]);
    expect(queue.length).toBe(3);
    expect(queue.dropped).toBe(2);
    expect([queue.shift(), queue.shift()]).toEqual([1, 2]);
    expect(queue.push(6)).toBe(true);
    expect([queue.shift(), queue.shift(), queue.shift()]).toEqual([3, 6, undefined]);
  });

  it('stays bounded through a long storm of pushes and shifts', () => {
    const queue = new BoundedQueue<number>(10);
    for (let i = 0; i < 10_000; i++) {
      queue.push(i);
      queue.push(i);
      queue.shift();
    }
    // Every push is either still queued, shifted (10,000) or dropped.
    expect(queue.length).toBe(9);
    expect(queue.dropped).toBe(20_000 - 10_000 - 9);
  });

  it.each([0, -1, 1.5])('refuses capacity %d', (capacity) => {
    expect(() => new BoundedQueue(capacity)).toThrow(/^capacity: /);
  });
});
