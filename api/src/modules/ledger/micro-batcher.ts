import { writeHalves } from './write-isolating.js';

export interface MicroBatcherOptions<T> {
  /** Flush once this many items wait; also the most one write carries. */
  readonly maxItems: number;
  /** Flush this long after the first item of a batch arrived, however few there are. */
  readonly maxWaitMs: number;
  /**
   * Writes at once at most; while that many are in flight, items wait and the next batch starts
   * as soon as one settles, so batches grow with the load instead of the writes' overhead
   * growing with it. Default: no limit.
   */
  readonly maxConcurrentWrites?: number;
  /** Writes a batch: all or nothing. */
  readonly write: (items: readonly T[]) => Promise<void>;
  /**
   * Whether a failed batch may hold bad items (a constraint or data error) rather than be
   * failing as a whole (database down): then the batch is bisected (write-isolating.ts) down to
   * the bad items, so a poison item fails by itself instead of holding the others back forever.
   */
  readonly isolate: (error: unknown) => boolean;
}

interface Pending<T> {
  readonly item: T;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Turns concurrent single-item calls into batched writes. Each `add` resolves only once its item
 * is written (or rejects with why not), so a BullMQ job is completed only after its row has
 * committed, and BullMQ's own retries, backoff and stalled-job recovery stay per job.
 */
export class MicroBatcher<T> {
  private pending: Array<Pending<T>> = [];
  private timer: NodeJS.Timeout | undefined;
  private writing = 0;

  constructor(private readonly options: MicroBatcherOptions<T>) {}

  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.options.maxItems) void this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), this.options.maxWaitMs);
    });
  }

  /**
   * Writes whatever waits now (unless maxConcurrentWrites are in flight: then it goes with the
   * next batch); resolves when that batch has settled.
   */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.writing >= (this.options.maxConcurrentWrites ?? Number.POSITIVE_INFINITY)) return;
    const batch = this.pending.splice(0, this.options.maxItems);
    if (this.pending.length > 0) this.timer = setTimeout(() => void this.flush(), 0);
    if (batch.length === 0) return;
    this.writing += 1;
    try {
      await this.options.write(batch.map((p) => p.item));
      batch.forEach((p) => p.resolve());
    } catch (error) {
      if (batch.length > 1 && this.options.isolate(error)) await this.writeIsolated(batch, error);
      else batch.forEach((p) => p.reject(error));
    } finally {
      this.writing -= 1;
      if (this.pending.length > 0) void this.flush();
    }
  }

  /** An outage in the middle rejects the whole batch: its retries are deduplicated by key. */
  private async writeIsolated(batch: ReadonlyArray<Pending<T>>, failure: unknown): Promise<void> {
    const { write, isolate } = this.options;
    const writePending = (ps: ReadonlyArray<Pending<T>>) => write(ps.map((p) => p.item));
    try {
      const refused = await writeHalves(batch, failure, writePending, isolate);
      const why = new Map(refused.map((r) => [r.item, r.error]));
      batch.forEach((p) => (why.has(p) ? p.reject(why.get(p)) : p.resolve()));
    } catch (error) {
      batch.forEach((p) => p.reject(error));
    }
  }
}
