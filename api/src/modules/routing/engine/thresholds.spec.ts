import type { Threshold } from './classifier-model.js';
import { statusThresholds, tierByThreshold, validThresholds } from './thresholds.js';

const t = (...entries: (readonly [string, number])[]): Threshold[] =>
  entries.map(([tier, minSmallOkPercent]) => ({ tier, minSmallOkPercent }));
const three = t(['small', 70], ['medium', 30], ['frontier', 0]);

describe('tierByThreshold', () => {
  it.each<[number, string, boolean]>([
    [1, 'small', false],
    [0.7, 'small', false],
    [0.6999, 'medium', false],
    [0.3, 'medium', false],
    [0.2999, 'frontier', true],
    [0, 'frontier', true],
  ])('smallOk %d goes to %s (last: %s)', (smallOk, tier, last) => {
    expect(tierByThreshold(three, smallOk)).toEqual({ tier, last });
  });
});

describe('validThresholds', () => {
  it.each<[string, Threshold[], boolean]>([
    ['three strictly decreasing to 0', three, true],
    ['two', t(['small', 50], ['big', 0]), true],
    ['one entry', t(['small', 0]), false],
    ['a last entry above 0', t(['small', 70], ['big', 10]), false],
    ['equal neighbours', t(['small', 30], ['medium', 30], ['big', 0]), false],
    ['increasing', t(['small', 30], ['medium', 70], ['big', 0]), false],
    ['a tier twice', t(['small', 70], ['small', 0]), false],
  ])('%s: %s', (_label, thresholds, valid) => {
    expect(validThresholds(thresholds)).toBe(valid);
  });
});

describe('statusThresholds', () => {
  it.each<[string, Threshold[] | undefined, Threshold[] | undefined]>([
    ['none written', undefined, undefined],
    [
      'the same tiers in order',
      t(['small', 55], ['medium', 20], ['frontier', 0]),
      t(['small', 55], ['medium', 20], ['frontier', 0]),
    ],
    ['another order', t(['medium', 55], ['small', 20], ['frontier', 0]), undefined],
    ['fewer tiers', t(['small', 55], ['frontier', 0]), undefined],
    ['invalid values', t(['small', 20], ['medium', 55], ['frontier', 0]), undefined],
  ])('uses %s: %j', (_label, status, expected) => {
    expect(statusThresholds(three, status)).toEqual(expected);
  });
});
