export interface BoundedMemoryOptions {
  readonly maxEntries: number;
  /** What the entries may weigh together, as the caller measures them (e.g. their JSON length). */
  readonly maxBytes: number;
  readonly ttlMs: number;
  readonly now?: () => number;
}

interface Entry<T> {
  readonly value: T;
  readonly bytes: number;
  readonly until: number;
}

/**
 * A map bounded by entry count, by weight and by age: what the API remembers per call (Route's
 * decisions) must not grow with traffic (SPEC 6). Insertion order is age order, since every
 * entry lives `ttlMs` and a set moves its key to the end: so the oldest, first to go when a bound
 * is passed, is also the first to expire, and expired entries are dropped from the front as new
 * ones arrive instead of lingering until pushed out (a count-only LRU with a TTL keeps them).
 */
export class BoundedMemory<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private weight = 0;
  private readonly now: () => number;

  constructor(private readonly options: BoundedMemoryOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.weight;
  }

  /** Remembers `value`; one heavier than the whole budget is not kept. */
  set(key: string, value: T, bytes: number): void {
    this.delete(key);
    if (bytes > this.options.maxBytes) return;
    this.entries.set(key, { value, bytes, until: this.now() + this.options.ttlMs });
    this.weight += bytes;
    this.evict();
  }

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.until > this.now()) return entry.value;
    this.delete(key);
    return undefined;
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.weight -= entry.bytes;
  }

  private evict(): void {
    const { maxEntries, maxBytes } = this.options;
    const now = this.now();
    for (const [key, entry] of this.entries) {
      const over = this.entries.size > maxEntries || this.weight > maxBytes;
      if (!over && entry.until > now) return;
      this.delete(key);
    }
  }
}
