/**
 * A bounded in-memory queue drained in the background by `deliver`, which takes a batch from the
 * front and answers how many of them it delivered (the rest stay, in order, for the next round).
 * Route and ReportUsage put here what could not reach Redis or PostgreSQL at once, so an outage
 * of either delays the books instead of failing calls; the bound keeps memory finite and `add`
 * says when it is reached, so the caller can refuse rather than lose.
 */
export interface RetryBufferOptions<T> {
  readonly capacity: number;
  readonly maxBatch: number;
  readonly intervalMs: number;
  readonly deliver: (batch: readonly T[]) => Promise<number>;
  readonly onError: (error: unknown, waiting: number) => void;
  /** Called whenever the number of waiting items changes (a gauge). */
  readonly onSize?: (size: number) => void;
}

export class RetryBuffer<T> {
  private items: T[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(private readonly options: RetryBufferOptions<T>) {}

  get size(): number {
    return this.items.length;
  }

  /** False when full: the item was not taken. A full batch is sent at once. */
  add(item: T): boolean {
    if (this.items.length >= this.options.capacity) return false;
    this.items.push(item);
    this.options.onSize?.(this.items.length);
    if (this.items.length >= this.options.maxBatch) void this.flush();
    return true;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.options.intervalMs);
    this.timer.unref();
  }

  /** One delivery round (joins the running one); never rejects. */
  flush(): Promise<void> {
    this.flushing ??= this.deliverBatch().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  /** Stops the timer and makes a last attempt; what still fails is reported by onError. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private async deliverBatch(): Promise<void> {
    const batch = this.items.slice(0, this.options.maxBatch);
    if (batch.length === 0) return;
    try {
      const delivered = await this.options.deliver(batch);
      this.items.splice(0, delivered);
      this.options.onSize?.(this.items.length);
    } catch (error) {
      this.options.onError(error, this.items.length);
    }
  }
}
