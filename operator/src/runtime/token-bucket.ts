// Pure token-bucket arithmetic (golang.org/x/time/rate's reservation model, which client-go's
// default QPS 5 / burst 10 and controller-runtime's QPS 20 / burst 30 limiters use).

export interface BucketLimits {
  readonly qps: number;
  readonly burst: number;
}

export interface BucketState {
  /** Tokens available at `at`; negative while requests are waiting on reservations. */
  readonly tokens: number;
  readonly at: number;
}

export const fullBucket = (limits: BucketLimits, now: number): BucketState => ({
  tokens: limits.burst,
  at: now,
});

/** Takes one token at `now`: the new state and how long the caller must wait for its token. */
export function reserve(
  state: BucketState,
  limits: BucketLimits,
  now: number,
): { state: BucketState; waitMs: number } {
  const elapsed = Math.max(0, now - state.at);
  const refilled = Math.min(limits.burst, state.tokens + (elapsed * limits.qps) / 1000);
  const tokens = refilled - 1;
  const waitMs = tokens >= 0 ? 0 : Math.ceil((-tokens * 1000) / limits.qps);
  return { state: { tokens, at: Math.max(now, state.at) }, waitMs };
}

/** Takes one token at `now` if one is there (never waits): a spam filter's question. */
export function tryTake(
  state: BucketState,
  limits: BucketLimits,
  now: number,
): { state: BucketState; allowed: boolean } {
  const elapsed = Math.max(0, now - state.at);
  const tokens = Math.min(limits.burst, state.tokens + (elapsed * limits.qps) / 1000);
  const at = Math.max(now, state.at);
  if (tokens < 1) return { state: { tokens, at }, allowed: false };
  return { state: { tokens: tokens - 1, at }, allowed: true };
}
