import { BoundedMemory } from './bounded-memory.js';

type Step = readonly ['set', string, number] | readonly ['tick', number];

function run(steps: readonly Step[], options = { maxEntries: 3, maxBytes: 100, ttlMs: 1000 }) {
  let clock = 0;
  const memory = new BoundedMemory<string>({ ...options, now: () => clock });
  for (const step of steps) {
    if (step[0] === 'tick') clock += step[1];
    else memory.set(step[1], `value of ${step[1]}`, step[2]);
  }
  const kept = ['a', 'b', 'c', 'd', 'e'].filter((k) => memory.get(k) !== undefined);
  return { kept, size: memory.size, bytes: memory.bytes };
}

describe('BoundedMemory', () => {
  it.each<[string, Step[], { kept: string[]; size: number; bytes: number }]>([
    [
      'keeps what fits',
      [
        ['set', 'a', 10],
        ['set', 'b', 20],
      ],
      { kept: ['a', 'b'], size: 2, bytes: 30 },
    ],
    [
      'drops the oldest past the entry bound',
      [
        ['set', 'a', 1],
        ['set', 'b', 1],
        ['set', 'c', 1],
        ['set', 'd', 1],
      ],
      { kept: ['b', 'c', 'd'], size: 3, bytes: 3 },
    ],
    [
      'drops the oldest past the byte bound',
      [
        ['set', 'a', 40],
        ['set', 'b', 40],
        ['set', 'c', 40],
      ],
      { kept: ['b', 'c'], size: 2, bytes: 80 },
    ],
    [
      'refreshing a key makes it the youngest and reweighs it',
      [
        ['set', 'a', 40],
        ['set', 'b', 40],
        ['set', 'a', 10],
        ['set', 'c', 51],
      ],
      { kept: ['a', 'c'], size: 2, bytes: 61 },
    ],
    [
      'never keeps an entry heavier than the budget',
      [['set', 'a', 101]],
      { kept: [], size: 0, bytes: 0 },
    ],
    [
      'forgets expired entries when read',
      [
        ['set', 'a', 10],
        ['tick', 1000],
      ],
      { kept: [], size: 0, bytes: 0 },
    ],
    [
      'drops expired entries from the front as new ones arrive',
      [
        ['set', 'a', 10],
        ['set', 'b', 10],
        ['tick', 600],
        ['set', 'c', 10],
        ['tick', 500],
        ['set', 'd', 10],
      ],
      { kept: ['c', 'd'], size: 2, bytes: 20 },
    ],
  ])('%s', (_, steps, expected) => {
    expect(run(steps)).toEqual(expected);
  });
});
