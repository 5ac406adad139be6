import { hashFraction } from './hash.js';

describe('hashFraction', () => {
  it.each(['', 'a', 'decision-1', 'decision-2', '0b9f6c1e-7d8a-4e57-9c1b-3f2a8d5e6f70'])(
    'maps %j to a stable fraction in [0, 1)',
    (key) => {
      const value = hashFraction(key);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      expect(hashFraction(key)).toBe(value);
    },
  );

  it('spreads sequential ids evenly enough for percent sampling', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `decision-${i}`);
    const below = ids.filter((id) => hashFraction(id) < 0.1).length;
    expect(below).toBeGreaterThan(800);
    expect(below).toBeLessThan(1200);
  });

  it.each([0.01, 0.05, 0.5])('puts close to %d of sequential ids below %d', (share) => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `decision-${i}`);
    const below = ids.filter((id) => hashFraction(`shadow:${id}`) < share).length / ids.length;
    expect(Math.abs(below - share)).toBeLessThan(Math.max(0.005, share * 0.15));
  });

  it('tells different ids apart', () => {
    expect(hashFraction('decision-1')).not.toBe(hashFraction('decision-2'));
  });
});
