import { formatUsd, parseUsdMicros, percentOf } from './money.js';

describe('parseUsdMicros', () => {
  it.each<[string, bigint | undefined]>([
    ['5000', 5_000_000_000n],
    ['0.15', 150_000n],
    ['2.50', 2_500_000n],
    ['0.000001', 1n],
    [' 12.5 ', 12_500_000n],
    ['0', 0n],
    ['0.0000001', undefined],
    ['-1', undefined],
    ['1e3', undefined],
    ['1,000', undefined],
    ['', undefined],
    ['.5', undefined],
  ])('parses %j as %p micro-dollars', (text, expected) => {
    expect(parseUsdMicros(text)).toBe(expected);
  });
});

describe('formatUsd', () => {
  it.each<[bigint, string]>([
    [4_100_000_000n, '4100.00'],
    [150_000n, '0.15'],
    [1n, '0.000001'],
    [0n, '0.00'],
    [-2_500_000n, '-2.50'],
  ])('formats %p as %s', (micros, expected) => {
    expect(formatUsd(micros)).toBe(expected);
  });
});

describe('percentOf', () => {
  it.each<[bigint, bigint, number]>([
    [4_000_000_000n, 5_000_000_000n, 80],
    [3_999_999_999n, 5_000_000_000n, 79],
    [0n, 5_000_000_000n, 0],
    [6_000_000_000n, 5_000_000_000n, 120],
    [0n, 0n, 100],
    [1n, 0n, Number.POSITIVE_INFINITY],
  ])('%p of %p is %d%%', (spent, limit, expected) => {
    expect(percentOf(spent, limit)).toBe(expected);
  });
});
