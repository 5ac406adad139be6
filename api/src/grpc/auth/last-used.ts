/**
 * When each token was last used, written behind the calls: at most once per `intervalMs` per
 * token (last_used_at is to the minute), batched into one statement per `flushMs`, and never
 * awaited by a call, so a slow or absent database costs callers nothing. A failed write is
 * logged and dropped; the token's next use after the interval writes again.
 */
export interface LastUsedOptions {
  readonly intervalMs: number;
  readonly flushMs: number;
  /** Tokens remembered as recently written; oldest forgotten beyond this (one more write each). */
  readonly maxEntries: number;
}

export const LAST_USED_DEFAULTS: LastUsedOptions = {
  intervalMs: 60_000,
  flushMs: 1_000,
  maxEntries: 10_000,
};

export type WriteLastUsed = (used: ReadonlyMap<string, Date>) => Promise<unknown>;

export class LastUsed {
  private readonly written = new Map<string, number>();
  private pending = new Map<string, Date>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly write: WriteLastUsed,
    private readonly onError: (error: unknown) => void,
    private readonly options: LastUsedOptions = LAST_USED_DEFAULTS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Notes a use of `tokenId`; returns at once. */
  touch(tokenId: string): void {
    const now = this.now();
    const last = this.written.get(tokenId);
    if (last !== undefined && now - last < this.options.intervalMs) return;
    this.written.delete(tokenId);
    this.written.set(tokenId, now);
    if (this.written.size > this.options.maxEntries) {
      const oldest = this.written.keys().next();
      if (oldest.done !== true) this.written.delete(oldest.value);
    }
    this.pending.set(tokenId, new Date(now));
    if (this.timer === undefined) {
      this.timer = setTimeout(() => void this.flush(), this.options.flushMs);
      this.timer.unref();
    }
  }

  /** Writes what is pending now (also at shutdown); never rejects. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = new Map();
    if (batch.size === 0) return;
    try {
      await this.write(batch);
    } catch (error) {
      this.onError(error);
    }
  }
}
