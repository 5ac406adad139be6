import { floorShare, kindsSum, splitKinds, splitOverParts } from './floor-split.js';

describe('floorShare', () => {
  it.each([
    [100n, 1n, 4n, 25n],
    [100n, 1n, 3n, 33n],
    [100n, 2n, 3n, 66n], // floored, never half up: the allocation never hands out more
    [100n, 3n, 3n, 100n],
    [100n, 5n, 0n, 0n],
  ])('%d x %d / %d = %d', (amount, part, whole, share) => {
    expect(floorShare(amount, part, whole)).toBe(share);
  });
});

describe('splitKinds', () => {
  it.each([
    [100n, { input: 1n, cached: 1n, output: 1n }, { input: 33n, cached: 33n, output: 34n }],
    [90n, { input: 6n, cached: 0n, output: 3n }, { input: 60n, cached: 0n, output: 30n }],
    [7n, { input: 1n, cached: 1n, output: 0n }, { input: 3n, cached: 3n, output: 1n }],
    [0n, { input: 0n, cached: 0n, output: 0n }, { input: 0n, cached: 0n, output: 0n }],
  ])('splits %d over %j, the kinds adding up', (amount, tokens, split) => {
    const kinds = splitKinds(amount, tokens);
    expect(kinds).toEqual(split);
    expect(kindsSum(kinds)).toBe(amount);
  });
});

describe('splitOverParts', () => {
  it.each([
    [10n, [1n, 1n, 1n], [3n, 3n, 4n]],
    [10n, [0n, 0n], [0n, 10n]], // no weight: the last part keeps the whole
    [10n, [5n], [10n]],
    [1n, [1n, 1n], [0n, 1n]],
  ])('%d over %j', (amount, weights, parts) => {
    expect(splitOverParts(amount, weights)).toEqual(parts);
    expect(parts.reduce((a, b) => a + b, 0n)).toBe(amount);
  });
});
