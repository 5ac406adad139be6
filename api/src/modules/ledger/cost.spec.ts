import { priceAt, tokenCost, type ModelPrice, type PricePoint, type TokenPrice } from './cost.js';
import { formatPicos, parseMicros } from './money.js';

const price = (input: string, output: string, cached?: string): TokenPrice => ({
  inputPer1M: parseMicros(input),
  outputPer1M: parseMicros(output),
  ...(cached === undefined ? {} : { cachedInputPer1M: parseMicros(cached) }),
});

const tokens = (inputTokens: number, cachedInputTokens: number, outputTokens: number) => ({
  inputTokens,
  cachedInputTokens,
  outputTokens,
});

describe('tokenCost', () => {
  it.each([
    ['nothing', tokens(0, 0, 0), price('2.50', '10'), '0.000000000000'],
    ['1M input at $2.50', tokens(1_000_000, 0, 0), price('2.50', '10'), '2.500000000000'],
    ['1M output at $10', tokens(0, 0, 1_000_000), price('2.50', '10'), '10.000000000000'],
    ['one input token at $0.15/1M', tokens(1, 0, 0), price('0.15', '0.60'), '0.000000150000'],
    ['the smallest price', tokens(1, 0, 0), price('0.000001', '0'), '0.000000000001'],
    [
      'input, cached and output apart',
      tokens(1200, 800, 350),
      price('2.50', '10', '1.25'),
      // 1200 x 2.5 + 800 x 1.25 + 350 x 10 = 3000 + 1000 + 3500 = 7500 per 1M
      '0.007500000000',
    ],
    [
      'cached input at the input price when no cached price is set',
      tokens(0, 1_000_000, 0),
      price('3', '15'),
      '3.000000000000',
    ],
    [
      'a count past 2^53 / 1e6 without losing a digit',
      tokens(Number.MAX_SAFE_INTEGER, 0, 0),
      price('0.000003', '0'),
      '27021.597764222973',
    ],
  ])('costs %s', (_, counts, tokenPrice, expected) => {
    expect(formatPicos(tokenCost(counts, tokenPrice))).toBe(expected);
  });
});

describe('priceAt', () => {
  const token = (input: string): ModelPrice => ({ kind: 'token', price: price(input, '1') });
  const at = (iso: string) => new Date(iso);
  const history: PricePoint[] = [
    { effectiveFrom: at('2026-11-01T12:00:00Z'), price: token('3') },
    { effectiveFrom: at('2026-11-01T00:00:00Z'), price: token('2') },
    { effectiveFrom: at('2026-11-02T00:00:00Z'), price: { kind: 'capacity', gpuHourlyUSD: 4n } },
  ];

  it.each([
    ['before the first price', '2026-10-31T23:59:59.999Z', undefined],
    ['exactly at the first', '2026-11-01T00:00:00Z', token('2')],
    ['mid-morning', '2026-11-01T11:59:59.999Z', token('2')],
    ['at the change', '2026-11-01T12:00:00Z', token('3')],
    ['after the change', '2026-11-01T18:00:00Z', token('3')],
    [
      'after the switch to capacity',
      '2027-01-01T00:00:00Z',
      { kind: 'capacity', gpuHourlyUSD: 4n },
    ],
  ])('picks the price in effect %s', (_, when, expected) => {
    expect(priceAt(history, at(when))).toEqual(expected);
  });

  it('finds nothing in an empty history', () => {
    expect(priceAt([], at('2026-11-01T00:00:00Z'))).toBeUndefined();
  });
});
