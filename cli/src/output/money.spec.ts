import { parsePrecision, roundDecimal, usd } from './money.js';

describe('roundDecimal', () => {
  it.each([
    ['0.125', 2, '0.13'],
    ['0.124999999999', 2, '0.12'],
    ['-0.125', 2, '-0.13'],
    ['-0.001', 2, '0.00'],
    ['9.995', 2, '10.00'],
    ['99.5', 0, '100'],
    ['10', 2, '10.00'],
    ['0.000041152263', 6, '0.000041'],
    ['0.000041152263', 12, '0.000041152263'],
    ['0.1', 12, '0.100000000000'],
    // Beyond a double's 15-16 significant digits: a float would lose the last cent.
    ['123456789012345678.005', 2, '123456789012345678.01'],
  ])('%s to %d places is %s', (text, places, rounded) => {
    expect(roundDecimal(text, places)).toBe(rounded);
  });

  it('refuses what is not a decimal', () => {
    expect(() => roundDecimal('1e3', 2)).toThrow('not a decimal');
  });
});

describe('usd', () => {
  it.each([
    ['0.004', 2, '$0.00'],
    ['-0.024593711111', 2, '-$0.02'],
    ['1.5', undefined, '$1.5'],
    ['', 2, '-'],
    [undefined, 2, '-'],
  ])('%j at %j places is %j', (text, places, printed) => {
    expect(usd(text, places)).toBe(printed);
  });
});

describe('parsePrecision', () => {
  it.each([
    [undefined, 2],
    ['0', 0],
    ['12', 12],
  ])('%j -> %d', (text, places) => {
    expect(parsePrecision(text)).toBe(places);
  });

  it.each(['13', '-1', '2.5', 'two', ''])('refuses %j', (text) => {
    expect(() => parsePrecision(text)).toThrow('--precision');
  });
});
