import { weightedPick } from './weighted.js';

describe('weightedPick', () => {
  const targets = [
    { name: 'llama', weight: 3 },
    { name: 'classifier', weight: 1 },
  ];

  it.each([
    [0, 'llama'],
    [0.5, 'llama'],
    [0.7499, 'llama'],
    [0.75, 'classifier'],
    [0.9999999, 'classifier'],
    [-1, 'llama'],
    [1, 'classifier'],
    [7, 'classifier'],
  ])('picks with %d: %s', (pick, expected) => {
    expect(weightedPick(targets, pick)?.name).toBe(expected);
  });

  it.each([
    [0, 'b'],
    [0.99, 'b'],
  ])('never picks a zero weight beside positive ones (pick %d)', (pick, expected) => {
    const list = [
      { name: 'a', weight: 0 },
      { name: 'b', weight: 2 },
      { name: 'c', weight: 0 },
    ];
    expect(weightedPick(list, pick)?.name).toBe(expected);
  });

  it.each([
    [0, 'a'],
    [0.5, 'b'],
    [0.99, 'b'],
  ])('picks uniformly when every weight is 0 (pick %d)', (pick, expected) => {
    expect(
      weightedPick(
        [
          { name: 'a', weight: 0 },
          { name: 'b', weight: 0 },
        ],
        pick,
      )?.name,
    ).toBe(expected);
  });

  it('has nothing to pick from an empty list', () => {
    expect(weightedPick([], 0.3)).toBeUndefined();
  });

  it('spreads picks by weight', () => {
    const picks = Array.from({ length: 400 }, (_, i) => weightedPick(targets, i / 400)?.name);
    expect(picks.filter((name) => name === 'llama')).toHaveLength(300);
  });
});
