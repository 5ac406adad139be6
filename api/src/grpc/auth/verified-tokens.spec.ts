import { VerifiedTokens } from './verified-tokens.js';

describe('VerifiedTokens', () => {
  const options = { ttlMs: 1000, negativeTtlMs: 100, maxEntries: 2 };
  let clock = 0;
  const tokens = () => new VerifiedTokens<string>(options, () => clock);

  beforeEach(() => {
    clock = 0;
  });

  it.each([
    ['a valid token within its TTL', ['id', undefined, 999], { value: 'id' }],
    ['a valid token past its TTL', ['id', undefined, 1000], undefined],
    ['a valid token past its own expiry', ['id', 500, 500], undefined],
    ['a valid token before its own expiry', ['id', 500, 499], { value: 'id' }],
    ['an invalid token within the negative TTL', [undefined, undefined, 99], { value: undefined }],
    ['an invalid token past the negative TTL', [undefined, undefined, 100], undefined],
  ] as const)('remembers %s as expected', (_, [value, validUntil, at], expected) => {
    const cache = tokens();
    cache.set('h', value, validUntil);
    clock = at;
    expect(cache.get('h')).toEqual(expected);
  });

  it('drops the oldest entry beyond its bound', () => {
    const cache = tokens();
    cache.set('a', '1');
    cache.set('b', '2');
    cache.set('c', '3');
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([
      undefined,
      { value: '2' },
      { value: '3' },
    ]);
  });

  it('forgets a deleted token (a revocation on this replica) and keeps the others', () => {
    const cache = tokens();
    cache.set('a', '1');
    cache.set('b', '2');
    cache.delete('a');
    expect([cache.get('a'), cache.get('b')]).toEqual([undefined, { value: '2' }]);
  });
});
