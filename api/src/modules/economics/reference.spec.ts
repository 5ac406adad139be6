import type { TokenPrice } from '../ledger/cost.js';
import { crossoverTier, defaultReference } from './reference.js';
import { callerRow, modelHour } from './testing/crossover-builders.js';

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

describe('crossoverTier', () => {
  const routed = callerRow({ calls: 3n, input: 1n, output: 1n, tiers: { small: 2n, large: 1n } });

  it('is the tier the capacity history recorded with the latest model hour', () => {
    const hours = [modelHour(0, { tier: 'small' }), modelHour(1, { tier: 'medium' })];
    expect(crossoverTier(hours, undefined, routed, 'ml/l4')).toBe('medium');
    // A model that ran but served no query still has its tier.
    expect(
      crossoverTier(hours, undefined, callerRow({ calls: 0n, input: 0n, output: 0n }), 'ml/l4'),
    ).toBe('medium');
  });

  it.each([
    ['did not run', []],
    ['ran before tiers were recorded', [modelHour(0, { tier: '' })]],
  ])('is the tier most of the traffic was routed under when it %s', (_, hours) => {
    expect(crossoverTier(hours, undefined, routed, 'ml/l4')).toBe('small');
  });

  it("is the latest capacity row's tier for a model that did not run in the window", () => {
    expect(crossoverTier([], { tier: 'large' }, routed, 'ml/l4')).toBe('large');
    expect(crossoverTier([], { tier: '' }, routed, 'ml/l4')).toBe('small');
  });
});
