import {
  divideRounded,
  formatMicros,
  formatPicos,
  formatScaled,
  parseMicros,
  parsePicos,
  parseScaled,
} from './money.js';

describe('parseScaled / formatScaled', () => {
  it.each([
    ['0', 6, 0n],
    ['2.5', 6, 2_500_000n],
    ['2.50', 6, 2_500_000n],
    ['0.000001', 6, 1n],
    ['15', 6, 15_000_000n],
    ['-1.25', 2, -125n],
    ['12345678901234567890.123456', 6, 12345678901234567890123456n],
  ])('parses %p at %i decimals as %p', (text, decimals, expected) => {
    expect(parseScaled(text, decimals)).toBe(expected);
  });

  it.each([['1.0000001'], ['1e6'], ['abc'], [''], ['1.'], ['.5'], ['1,5'], ['Infinity']])(
    'rejects %p',
    (text) => {
      expect(() => parseMicros(text)).toThrow(RangeError);
    },
  );

  it.each([
    [0n, 6, '0.000000'],
    [1n, 6, '0.000001'],
    [2_500_000n, 6, '2.500000'],
    [-125n, 2, '-1.25'],
    [-5n, 2, '-0.05'],
    [42n, 0, '42'],
  ])('formats %p at %i decimals as %p', (value, decimals, expected) => {
    expect(formatScaled(value, decimals)).toBe(expected);
  });

  it.each([['0.000000000001'], ['123.456000000000'], ['99999999999999999999.999999999999']])(
    'round-trips the amount %p exactly',
    (text) => {
      expect(formatPicos(parsePicos(text))).toBe(text);
    },
  );

  it('round-trips prices', () => {
    expect(formatMicros(parseMicros('0.15'))).toBe('0.150000');
  });
});

describe('divideRounded', () => {
  it.each([
    [10n, 5n, 2n],
    [7n, 2n, 4n],
    [5n, 2n, 3n],
    [4n, 3n, 1n],
    [5n, 3n, 2n],
    [0n, 36n, 0n],
  ])('%p / %p rounds half up to %p', (n, d, expected) => {
    expect(divideRounded(n, d)).toBe(expected);
  });

  it('refuses negative numerators and non-positive denominators', () => {
    expect(() => divideRounded(-1n, 2n)).toThrow(RangeError);
    expect(() => divideRounded(1n, 0n)).toThrow(RangeError);
  });
});
