import type { TokenPrice } from '../ledger/cost.js';
import type { UsageCell } from './economics.types.js';
import { externalSplit } from './group-sums.js';

const price: TokenPrice = {
  inputPer1M: 5_000_000n,
  cachedInputPer1M: 2_500_000n,
  outputPer1M: 15_000_000n,
};
const cell = (costUsd: bigint) =>
  ({ inputTokens: 1000n, cachedInputTokens: 200n, outputTokens: 100n, costUsd }) as UsageCell;

describe('externalSplit', () => {
  it.each([
    // 1000 x 5 + 200 x 2.5 + 100 x 15 microdollars per 1M = 5e9 + 5e8 + 1.5e9 picodollars
    [
      'priced at the hour',
      cell(7_000_000_000n),
      price,
      { input: 5_000_000_000n, cached: 500_000_000n, output: 1_500_000_000n },
    ],
    // the price changed within the hour: same proportions, output takes the rounding rest
    [
      'price changed mid-hour',
      cell(3_500_000_001n),
      price,
      { input: 2_500_000_000n, cached: 250_000_000n, output: 750_000_001n },
    ],
    ['no price (unpriced)', cell(0n), undefined, { input: 0n, cached: 0n, output: 0n }],
    ['a cache hit costs nothing', cell(0n), price, { input: 0n, cached: 0n, output: 0n }],
  ])('%s', (_name, usage, tokenPrice, split) => {
    expect(externalSplit(usage, tokenPrice)).toEqual(split);
  });
});
