import type { TokenPrice } from '../ledger/cost.js';
import { defaultReference } from './reference.js';

const p = (input: bigint, output: bigint): TokenPrice => ({
  inputPer1M: input,
  outputPer1M: output,
});
const prices = new Map([
  ['ml/frontier', p(2_500_000n, 10_000_000n)],
  ['ml/mini', p(150_000n, 600_000n)],
  ['ml/other-mini', p(150_000n, 600_000n)],
]);
const tiers = new Map([
  ['ml/frontier', new Set(['frontier'])],
  ['ml/mini', new Set(['small'])],
]);

describe('defaultReference', () => {
  it.each([
    ['frontier', 'ml/frontier'],
    ['small', 'ml/mini'],
    ['medium', 'ml/mini'], // none of the tier: cheapest, then by name
  ])('tier %s compares with %s', (tier, model) => {
    expect(defaultReference(tier, tiers, prices)?.model).toBe(model);
  });

  it('has none without priced external models', () => {
    expect(defaultReference('small', tiers, new Map())).toBeUndefined();
  });
});
