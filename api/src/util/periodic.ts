/** A task started by `runPeriodically`. */
export interface Periodic {
  /** The first run, started at once (await it where start-up must wait for a first reading). */
  readonly first: Promise<void>;
  /** Stops later runs; one under way finishes on its own. */
  stop(): void;
}

/**
 * Runs `task` now and every `intervalMs` after, in the background, for the caches and monitors
 * that refresh on their own (budget spend, Redis persistence). The timer is unref'd so a refresh
 * never keeps a shutting-down process alive. `task` must not reject: it logs its own failures.
 */
export function runPeriodically(task: () => Promise<void>, intervalMs: number): Periodic {
  const first = task();
  const timer = setInterval(() => void task(), intervalMs);
  timer.unref();
  return { first, stop: () => clearInterval(timer) };
}
