import {
  generateToken,
  hashToken,
  isTokenShaped,
  scopeAllows,
  tokenUsable,
} from './api-token-hash.js';

const fixed = (byte: number) => (size: number) => Buffer.alloc(size, byte);

describe('generateToken', () => {
  it('makes a recognisable token and keeps only its hash and prefix', () => {
    const issued = generateToken(fixed(0xab));
    expect(issued.token).toBe(`sluice_${Buffer.alloc(32, 0xab).toString('base64url')}`);
    expect(issued.hash).toBe(hashToken(issued.token));
    expect(issued.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(issued.prefix).toBe(issued.token.slice(0, 13));
    expect(isTokenShaped(issued.token)).toBe(true);
  });

  it('never repeats with real randomness', () => {
    expect(generateToken().token).not.toBe(generateToken().token);
  });
});

describe('hashToken', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ])('is SHA-256 of %p', (token, hash) => {
    expect(hashToken(token)).toBe(hash);
  });
});

describe('isTokenShaped', () => {
  it.each([
    ['sluice_' + 'a'.repeat(43), true],
    ['sluice_' + 'a'.repeat(42), false],
    ['Bearer sluice_' + 'a'.repeat(43), false],
    ['other_' + 'a'.repeat(44), false],
    ['sluice_' + 'a'.repeat(42) + '=', false],
  ])('%p -> %p', (token, expected) => {
    expect(isTokenShaped(token)).toBe(expected);
  });
});

describe('scopeAllows', () => {
  it.each([
    [{}, {}, true],
    [{}, { team: 'a' }, true],
    [{ team: 'a' }, { team: 'a', product: 'x' }, true],
    [{ team: 'a' }, { team: 'b' }, false],
    [{ team: 'a' }, {}, false],
    [{ team: 'a', product: 'x' }, { team: 'a' }, false],
  ])('scope %p on tags %p -> %p', (scope, tags, expected) => {
    expect(scopeAllows(scope, tags)).toBe(expected);
  });
});

describe('tokenUsable', () => {
  const now = new Date('2026-11-01T12:00:00Z');
  const before = new Date('2026-11-01T11:00:00Z');
  const after = new Date('2026-11-01T13:00:00Z');
  it.each([
    ['live', null, null, true],
    ['revoked', before, null, false],
    ['revoked later', after, null, true],
    ['expired', null, before, false],
    ['expiring exactly now', null, now, false],
    ['not yet expired', null, after, true],
  ])('%s', (_, revokedAt, expiresAt, expected) => {
    expect(tokenUsable({ revokedAt, expiresAt }, now)).toBe(expected);
  });
});
