import { fullBucket, tryTake, type BucketLimits, type BucketState } from '../token-bucket.js';

/**
 * client-go's EventSourceObjectSpamFilter defaults (tools/record): each object may have 25 Event
 * writes at once, then one per 5 minutes. A controller in a hot loop on one object cannot flood
 * the API server with Events about it; other objects keep their own budgets.
 */
export const SPAM_LIMITS: BucketLimits = { qps: 1 / 300, burst: 25 };

/** client-go's LRU size for the spam filter's and correlator's caches. */
export const EVENT_CACHE_SIZE = 4096;

/** Per-object token buckets, least recently used forgotten past `maxObjects`. */
export class SpamFilter {
  private readonly buckets = new Map<string, BucketState>();

  constructor(
    private readonly limits: BucketLimits = SPAM_LIMITS,
    private readonly maxObjects = EVENT_CACHE_SIZE,
  ) {}

  /** Whether one more Event write about `object` is allowed at `now` (and takes its token). */
  allow(object: string, now: number): boolean {
    const before = this.buckets.get(object) ?? fullBucket(this.limits, now);
    const { state, allowed } = tryTake(before, this.limits, now);
    this.buckets.delete(object);
    this.buckets.set(object, state);
    if (this.buckets.size > this.maxObjects) this.buckets.delete(this.oldest());
    return allowed;
  }

  private oldest(): string {
    return this.buckets.keys().next().value ?? '';
  }
}
