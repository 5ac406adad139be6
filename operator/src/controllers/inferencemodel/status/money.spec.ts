import { fromMicros, hourlyCost, toMicros } from './money.js';

describe('money', () => {
  it.each([
    ['0.80', 800000n],
    ['1', 1000000n],
    ['1.01', 1010000n],
    ['0.000001', 1n],
    ['12345.678901', 12345678901n],
  ])('toMicros(%s) = %s', (usd, micros) => expect(toMicros(usd)).toBe(micros));

  it.each([
    [0n, '0.00'],
    [800000n, '0.80'],
    [1n, '0.000001'],
    [4800000n, '4.80'],
    [1234500000n, '1234.50'],
  ])('fromMicros(%s) = %s', (micros, usd) => expect(fromMicros(micros)).toBe(usd));

  it.each([
    [0, 1, '0.80', '0.00'],
    [1, 1, '0.80', '0.80'],
    [3, 2, '1.20', '7.20'],
    [3, 1, '0.10', '0.30'],
    [7, 8, '4.123456', '230.913536'],
  ])('%d replicas x %d GPUs x $%s = $%s', (ready, gpus, price, cost) => {
    expect(hourlyCost(ready, gpus, price)).toBe(cost);
  });
});
