import { planDistribution, wholePercentShares } from './distribution.js';

describe('wholePercentShares', () => {
  it.each([
    { requests: [], shares: [] },
    { requests: [0, 0], shares: [0, 0] },
    { requests: [5], shares: [100] },
    { requests: [1, 1, 1], shares: [34, 33, 33] },
    { requests: [2, 1], shares: [67, 33] },
    { requests: [1, 0, 3], shares: [25, 0, 75] },
    { requests: [1, 1, 1, 1, 1, 1], shares: [17, 17, 17, 17, 16, 16] },
    { requests: [999, 1], shares: [100, 0] },
    { requests: [1, 199], shares: [1, 99] },
  ])('$requests -> $shares', ({ requests, shares }) => {
    const result = wholePercentShares(requests);
    expect(result).toEqual(shares);
    if (requests.some((n) => n > 0)) expect(result.reduce((a, b) => a + b, 0)).toBe(100);
  });
});

describe('planDistribution', () => {
  const now = '2026-11-28T02:00:00Z';
  const earlier = '2026-11-28T01:00:00Z';
  const counts = (tiers: Record<string, number>, cacheHits = 0) => ({
    tiers: new Map(Object.entries(tiers)),
    cacheHits,
  });
  const figures = {
    windowSeconds: 3600,
    cacheHits: 2,
    tiers: [
      { name: 'small', requests: 3, sharePercent: 75 },
      { name: 'frontier', requests: 1, sharePercent: 25 },
    ],
  };

  it.each([
    {
      name: 'first figures are stamped now',
      previous: undefined,
      counts: counts({ small: 3, frontier: 1 }, 2),
      expected: { ...figures, updatedAt: now },
    },
    {
      name: 'the same figures keep their updatedAt',
      previous: { ...figures, updatedAt: earlier },
      counts: counts({ frontier: 1, small: 3 }, 2),
      expected: { ...figures, updatedAt: earlier },
    },
    {
      name: 'another cache hit is a change',
      previous: { ...figures, updatedAt: earlier },
      counts: counts({ small: 3, frontier: 1 }, 3),
      expected: { ...figures, cacheHits: 3, updatedAt: now },
    },
    {
      name: 'a tier no longer in the spec is listed after the spec tiers',
      previous: undefined,
      counts: counts({ small: 1, old: 1 }),
      expected: {
        windowSeconds: 3600,
        cacheHits: 0,
        tiers: [
          { name: 'small', requests: 1, sharePercent: 50 },
          { name: 'frontier', requests: 0, sharePercent: 0 },
          { name: 'old', requests: 1, sharePercent: 50 },
        ],
        updatedAt: now,
      },
    },
  ])('$name', ({ previous, counts: c, expected }) => {
    const input = { policyTiers: ['small', 'frontier'], counts: c, windowSeconds: 3600, previous };
    expect(planDistribution({ ...input, now })).toEqual(expected);
  });
});
