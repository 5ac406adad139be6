import { tryTake } from '../token-bucket.js';
import { SpamFilter } from './spam-filter.js';

const allowed = (filter: SpamFilter, object: string, times: number, now: number): number =>
  Array.from({ length: times }, () => filter.allow(object, now)).filter(Boolean).length;

describe('SpamFilter (client-go defaults: burst 25, then one per 5 minutes per object)', () => {
  it('lets 25 writes about one object through at once, then refuses', () => {
    const filter = new SpamFilter();
    expect(allowed(filter, 'a', 40, 0)).toBe(25);
  });

  it('gives every object its own budget', () => {
    const filter = new SpamFilter();
    allowed(filter, 'a', 40, 0);
    expect(allowed(filter, 'b', 30, 0)).toBe(25);
  });

  it.each([
    // [ms after the burst was spent, writes allowed]
    [299_999, 0],
    [300_000, 1],
    [900_000, 3],
    [86_400_000, 25],
  ])('after %d ms allows %d more', (later, expected) => {
    const filter = new SpamFilter();
    allowed(filter, 'a', 25, 0);
    expect(allowed(filter, 'a', 30, later)).toBe(expected);
  });

  it('forgets the least recently used object past its size, which then starts full again', () => {
    const filter = new SpamFilter({ qps: 1 / 300, burst: 2 }, 2);
    allowed(filter, 'a', 2, 0);
    allowed(filter, 'b', 1, 0);
    allowed(filter, 'c', 1, 0);
    expect(allowed(filter, 'a', 5, 0)).toBe(2);
  });
});

describe('tryTake', () => {
  it.each([
    // [tokens, elapsed ms, allowed, tokens after]
    [1, 0, true, 0],
    [0.5, 0, false, 0.5],
    [0, 1000, true, 0],
    [3, 10_000, true, 2],
  ])('with %d tokens after %d ms: allowed %s', (tokens, elapsed, ok, after) => {
    const r = tryTake({ tokens, at: 0 }, { qps: 1, burst: 3 }, elapsed);
    expect(r.allowed).toBe(ok);
    expect(r.state.tokens).toBeCloseTo(after);
  });
});
