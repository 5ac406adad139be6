import { boundaryOf, boundaryRange, withBoundary, type Threshold } from './boundary.js';
import { boundedStep } from './bounded-step.js';

const t = (...values: number[]): Threshold[] =>
  values.map((minSmallOkPercent, i) => ({ tier: `t${i}`, minSmallOkPercent }));
const values = (list: readonly Threshold[]) => list.map((x) => x.minSmallOkPercent);

describe('withBoundary', () => {
  it.each([
    { name: 'two tiers: the first entry is the boundary', spec: t(70, 0), to: 34, out: [34, 0] },
    { name: 'entries above keep their spec value', spec: t(80, 40, 0), to: 30, out: [80, 30, 0] },
    { name: 'an entry the boundary passes moves up', spec: t(50, 40, 0), to: 60, out: [61, 60, 0] },
    {
      name: 'equal to the entry above: one point under it',
      spec: t(50, 40, 0),
      to: 50,
      out: [51, 50, 0],
    },
    { name: 'a chain moves up together', spec: t(30, 20, 10, 0), to: 40, out: [42, 41, 40, 0] },
    { name: 'clamped below at 1', spec: t(80, 40, 0), to: -5, out: [80, 1, 0] },
    { name: 'clamped above so every entry fits', spec: t(80, 40, 0), to: 100, out: [100, 99, 0] },
    { name: 'rounded to a whole percent', spec: t(60, 0), to: 33.6, out: [34, 0] },
  ])('$name', ({ spec, to, out }) => {
    const result = withBoundary(spec, to);
    expect(values(result)).toEqual(out);
    expect(result.map((x) => x.tier)).toEqual(spec.map((x) => x.tier));
    expect(values(result).every((v, i, all) => i === 0 || v < (all[i - 1] ?? 0))).toBe(true);
  });

  it('reads and bounds the boundary', () => {
    expect(boundaryOf(t(80, 40, 0))).toBe(40);
    expect(boundaryOf(t(0))).toBeUndefined();
    expect(boundaryRange(t(80, 40, 0))).toEqual({ min: 1, max: 99 });
    expect(boundaryRange(t(40, 0))).toEqual({ min: 1, max: 100 });
  });
});

describe('boundedStep', () => {
  const bounds = { maxStep: 5, deadBand: 2 };
  it.each([
    { current: 20, computed: 60, next: 25 },
    { current: 60, computed: 20, next: 55 },
    { current: 20, computed: 24, next: 24 },
    { current: 20, computed: 25, next: 25 },
    { current: 20, computed: 22, next: 20 },
    { current: 20, computed: 18, next: 20 },
    { current: 20, computed: 17, next: 17 },
    { current: 20, computed: 20, next: 20 },
  ])('$current toward $computed -> $next', ({ current, computed, next }) => {
    expect(boundedStep(current, computed, bounds)).toBe(next);
  });

  it('converges in ceil(distance / maxStep) moves and then stops', () => {
    let current = 3;
    const seen = [];
    for (let i = 0; i < 20; i += 1) {
      const next = boundedStep(current, 58, bounds);
      if (next !== current) seen.push(next);
      current = next;
    }
    expect(seen).toEqual([8, 13, 18, 23, 28, 33, 38, 43, 48, 53, 58]);
  });

  it('a dead band of 0 moves on any difference', () => {
    expect(boundedStep(20, 21, { maxStep: 5, deadBand: 0 })).toBe(21);
  });
});
