import type { RuntimeLogger } from '@sluice/operator/runtime';
import { exponentialDelay, type Backoff } from '../../util/backoff.js';

export interface WriteQueueOptions<T> {
  /** Writes one item; a rejection leaves it (and everything after it) queued. */
  readonly write: (item: T) => Promise<void>;
  readonly logger: RuntimeLogger;
  readonly retry?: Backoff;
  /** Items kept while writes fail; past it the oldest are dropped (and that is logged). */
  readonly maxPending?: number;
}

export const DEFAULT_RETRY: Backoff = { initialMs: 1000, maxMs: 30_000 };

/**
 * Writes items one at a time, in order. While writes fail (PostgreSQL down) the items wait in
 * memory, bounded, and are retried with back-off; an outage logs one warning and, when writes
 * succeed again, one info line with how many attempts failed and how many items were dropped.
 */
export class WriteQueue<T> {
  private readonly pending: T[] = [];
  private failures = 0;
  private dropped = 0;
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: WriteQueueOptions<T>) {}

  get backlog(): number {
    return this.pending.length;
  }

  /** Nothing waiting and no write under way. */
  idle(): boolean {
    return this.pending.length === 0 && this.flushing === undefined;
  }

  push(item: T): void {
    this.pending.push(item);
    const max = this.options.maxPending ?? 10_000;
    if (this.pending.length > max) {
      this.pending.shift();
      if (this.dropped++ === 0)
        this.options.logger.error({ max }, 'Dropped the oldest pending write: too many waiting');
    }
    void this.flush();
  }

  /** Writes until empty or a write fails (a retry is then scheduled unless stopped). */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  /** No more retries; one last flush of what is pending. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.flush();
  }

  private async drain(): Promise<void> {
    for (let item = this.pending[0]; item !== undefined; item = this.pending[0]) {
      try {
        await this.options.write(item);
      } catch (error) {
        this.failed(error);
        return;
      }
      this.pending.shift();
      this.recovered();
    }
  }

  private failed(error: unknown): void {
    this.failures += 1;
    if (this.failures === 1)
      this.options.logger.warn(
        { err: error, pending: this.pending.length },
        'Could not write; keeping pending writes in memory and retrying',
      );
    if (this.stopped) return;
    clearTimeout(this.timer);
    const delay = exponentialDelay(this.failures, this.options.retry ?? DEFAULT_RETRY);
    this.timer = setTimeout(() => void this.flush(), delay);
  }

  private recovered(): void {
    if (this.failures === 0) return;
    const { failures, dropped } = this;
    this.options.logger.info({ failures, dropped }, 'Wrote again after failed attempts');
    this.failures = 0;
    this.dropped = 0;
  }
}
