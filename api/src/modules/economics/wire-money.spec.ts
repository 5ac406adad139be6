import { perUnit, ratio, usd } from './wire-money.js';

describe('usd', () => {
  it.each([
    [0n, '0'],
    [1n, '0.000000000001'],
    [1_500_000_000_000n, '1.5'],
    [12_000_000_000_000n, '12'],
    [-3_500_000_000_000n, '-3.5'],
    [32_500_000_000n, '0.0325'],
    [100_000_000_000_000n, '100'],
  ])('%d picodollars is "%s"', (picos, text) => {
    expect(usd(picos)).toBe(text);
  });
});

describe('perUnit', () => {
  it.each([
    [10n, 3n, 1n, '0.000000000003'],
    [10n, 4n, 1n, '0.000000000003'], // 2.5 rounds half up
    [-10n, 4n, 1n, '-0.000000000003'],
    [5_000_000n, 1_000n, 1_000_000n, '0.005'],
    [7n, 0n, 1n, ''],
  ])('%d x %d / %d', (amount, count, scale, text) => {
    expect(perUnit(amount, count, scale)).toBe(text);
  });
});

describe('ratio', () => {
  it.each([
    [1n, 4n, 0.25],
    [3n, 0n, 0],
  ])('%d / %d = %d', (n, d, r) => {
    expect(ratio(n, d)).toBe(r);
  });
});
