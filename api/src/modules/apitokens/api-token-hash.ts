import { createHash, randomBytes } from 'node:crypto';
import type { TokenScope } from './api-token.entity.js';

/** Recognisable in logs and by secret scanners; the rest is 32 random bytes, base64url. */
export const TOKEN_PREFIX = 'sluice_';
const TOKEN_SHAPE = /^sluice_[A-Za-z0-9_-]{43}$/;
const SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;

export interface IssuedToken {
  /** Handed to the caller once; never stored. */
  readonly token: string;
  readonly hash: string;
  readonly prefix: string;
}

/**
 * SHA-256, not bcrypt or argon2: those slow hashes protect low-entropy passwords from guessing,
 * while a 256-bit random token cannot be guessed, and a fast hash lets every request be checked
 * by one indexed lookup of the hash (no per-tenant salt to find first).
 */
export const hashToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex');

export const isTokenShaped = (token: string): boolean => TOKEN_SHAPE.test(token);

export function generateToken(random: (size: number) => Buffer = randomBytes): IssuedToken {
  const token = TOKEN_PREFIX + random(32).toString('base64url');
  return { token, hash: hashToken(token), prefix: token.slice(0, SHOWN_PREFIX_LENGTH) };
}

/** A token scoped to tags may act only on usage carrying every one of those tags. */
export function scopeAllows(scope: TokenScope, tags: Readonly<Record<string, string>>): boolean {
  return Object.entries(scope).every(([key, value]) => tags[key] === value);
}

/** Whether a stored token may be used at `now`. */
export function tokenUsable(
  token: { readonly revokedAt: Date | null; readonly expiresAt: Date | null },
  now: Date,
): boolean {
  if (token.revokedAt !== null && token.revokedAt <= now) return false;
  return token.expiresAt === null || token.expiresAt > now;
}
