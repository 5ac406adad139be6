// Pure back-off math, after client-go's ItemExponentialFailureRateLimiter (controller-runtime's
// default: 5 ms doubling to 1000 s per item).

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const ITEM_BACKOFF: BackoffPolicy = { baseMs: 5, maxMs: 1_000_000 };

/** Delay before retry number `failures` (0-based): base * 2^failures, capped at max. */
export function backoffDelay(failures: number, policy: BackoffPolicy = ITEM_BACKOFF): number {
  if (failures < 0) return policy.baseMs;
  // 2^failures overflows to Infinity for large counts; the cap still applies.
  const delay = policy.baseMs * 2 ** failures;
  return Number.isFinite(delay) ? Math.min(delay, policy.maxMs) : policy.maxMs;
}

/** Counts failures per key; `when` returns the next delay, `forget` resets the key. */
export class ItemExponentialBackoff {
  private readonly failures = new Map<string, number>();

  constructor(private readonly policy: BackoffPolicy = ITEM_BACKOFF) {}

  when(key: string): number {
    const failures = this.failures.get(key) ?? 0;
    this.failures.set(key, failures + 1);
    return backoffDelay(failures, this.policy);
  }

  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  forget(key: string): void {
    this.failures.delete(key);
  }
}
