/** How long to wait between reconnection attempts. */
export interface Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

/**
 * Delay before retry number `attempt` (1-based): doubles from `initialMs` and stays at `maxMs`,
 * so a long outage costs one attempt per `maxMs` instead of a tight loop of failed connects.
 */
export function exponentialDelay(attempt: number, { initialMs, maxMs }: Backoff): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
}
