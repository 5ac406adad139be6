import { hashFraction } from './hash.js';
import { shadowTierFor } from './shadow.js';
import { aPolicy } from './testing/builders.js';
import { examplePolicy } from './testing/examples.js';

describe('shadowTierFor', () => {
  const policy = examplePolicy().compiled(); // 5% of small and medium traffic, judged by frontier
  const random = (value: number) => () => value;

  it.each<[string, string, number, string | undefined]>([
    ['small traffic inside the sample', 'small', 0.0499, 'frontier'],
    ['small traffic outside the sample', 'small', 0.05, undefined],
    ['medium traffic inside the sample', 'medium', 0, 'frontier'],
    ['frontier traffic, never', 'frontier', 0, undefined],
    ['an unknown tier, never', 'huge', 0, undefined],
  ])('shadows %s', (_label, tier, value, expected) => {
    expect(shadowTierFor(policy, tier, { decisionId: undefined, random: random(value) })).toBe(
      expected,
    );
  });

  it.each([
    ['no shadow settings', aPolicy().tier('small', 'm').tier('big', 'b').compiled()],
    ['a zero sample', aPolicy().tier('small', 'm').tier('big', 'b').shadow('big', 0).compiled()],
    ['an undeclared judge tier', aPolicy().tier('small', 'm').shadow('big', 100).compiled()],
  ])('never shadows with %s', (_label, other) => {
    expect(
      shadowTierFor(other, 'small', { decisionId: undefined, random: random(0) }),
    ).toBeUndefined();
  });

  it('samples a decision id the same way every time, whatever the random source says', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `decision-${i}`);
    const verdicts = (value: number) =>
      ids.map((decisionId) =>
        shadowTierFor(policy, 'small', { decisionId, random: random(value) }),
      );
    expect(verdicts(0)).toEqual(verdicts(0.99));
    const sampled = verdicts(0).filter((tier) => tier === 'frontier').length;
    expect(sampled).toBeGreaterThan(60);
    expect(sampled).toBeLessThan(140);
  });

  it('is independent of the sticky model pick (salted hash)', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `decision-${i}`);
    const sampled = ids.filter((decisionId) =>
      shadowTierFor(policy, 'small', { decisionId, random: random(0) }),
    );
    const lowPicks = sampled.filter((id) => hashFraction(id) < 0.05).length;
    expect(lowPicks).toBeLessThan(sampled.length / 2);
  });
});
