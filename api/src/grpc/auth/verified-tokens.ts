/**
 * Tokens verified recently, by their SHA-256, so Route does no database round trip per call and
 * keeps authenticating while PostgreSQL is down. The price: a revoked token keeps working for up
 * to `ttlMs` on a replica that verified it before (60 s by default, as documented on the API).
 * Unknown tokens are remembered for a shorter while, so a client retrying with a bad token does
 * not query the database on every attempt.
 */
export interface VerifiedTokensOptions {
  readonly ttlMs: number;
  readonly negativeTtlMs: number;
  /** Oldest entries are dropped beyond this many. */
  readonly maxEntries: number;
}

export const VERIFIED_TOKENS_DEFAULTS: VerifiedTokensOptions = {
  ttlMs: 60_000,
  negativeTtlMs: 5_000,
  maxEntries: 10_000,
};

interface Entry<T> {
  readonly value: T | undefined;
  readonly until: number;
}

export class VerifiedTokens<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly options: VerifiedTokensOptions = VERIFIED_TOKENS_DEFAULTS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Entries held (expired ones go when read or pushed out). */
  get size(): number {
    return this.entries.size;
  }

  /** `{ value }` while remembered (value undefined: known to be invalid); undefined otherwise. */
  get(hash: string): { value: T | undefined } | undefined {
    const entry = this.entries.get(hash);
    if (entry === undefined) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(hash);
      return undefined;
    }
    return { value: entry.value };
  }

  /** Forgets a token, e.g. one just revoked, so this replica verifies it again. */
  delete(hash: string): void {
    this.entries.delete(hash);
  }

  /** Remembers a verdict; `validUntil` (the token's own expiry) can only shorten it. */
  set(hash: string, value: T | undefined, validUntil?: number): void {
    const ttl = value === undefined ? this.options.negativeTtlMs : this.options.ttlMs;
    const until = Math.min(this.now() + ttl, validUntil ?? Number.POSITIVE_INFINITY);
    this.entries.delete(hash);
    this.entries.set(hash, { value, until });
    if (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
  }
}
