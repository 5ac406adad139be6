import type { InferenceModel } from '@sluice/crds';
import type { RuntimeLogger } from '@sluice/operator/runtime';
import type { Backoff } from '../../util/backoff.js';
import type { ModelRef } from '../ledger/ledger.types.js';
import type { PriceSpec } from '../ledger/ledger.repository.js';
import type { ObjectSource } from '../catalog/routing-catalog.js';
import { capacityOf, createdAtOf, fingerprint, keyOf, priceOf, refOf } from './capacity-state.js';
import type { CapacityState } from './capacity-state.js';
import type { CapacityWrites } from './capacity-store.js';
import { priceProblems } from './price-bounds.js';
import { WriteQueue } from './write-queue.js';

/** One change to write; `at` is when the informer saw it, not when the write succeeds. */
export type PendingWrite =
  | {
      readonly kind: 'capacity';
      readonly model: ModelRef;
      readonly state: CapacityState;
      readonly at: Date;
      /** The object's creationTimestamp, when known. */
      readonly createdAt: Date | undefined;
    }
  | {
      readonly kind: 'price';
      readonly model: ModelRef;
      readonly price: PriceSpec;
      readonly at: Date;
    }
  | { readonly kind: 'gone'; readonly model: ModelRef; readonly at: Date }
  /** After the first list: models with capacity in the ledger that no longer exist. */
  | { readonly kind: 'sweep'; readonly at: Date }
  /** Before anything else: the killed previous local run's models stop when it was last alive. */
  | { readonly kind: 'runEnded'; readonly at: Date };

export interface CapacityRecorderOptions {
  readonly store: CapacityWrites;
  readonly models: ObjectSource<InferenceModel>;
  readonly logger: RuntimeLogger;
  readonly now?: () => Date;
  readonly retry?: Backoff;
  /** Changes kept while PostgreSQL is down; the oldest are dropped past it (a restart re-reads). */
  readonly maxPending?: number;
  /**
   * The cluster lives only as long as this API (`sluice dev`'s local world): everything it ran
   * stops with the API, so stop() records every model gone. Otherwise the ledger would charge
   * them until the next run, since no API watches in between.
   */
  readonly clusterStopsWithApi?: boolean;
  /**
   * With clusterStopsWithApi: the previous run on this ledger was killed, last seen alive then.
   * Its cluster died with it, so its models stop there rather than when this run sees them.
   */
  readonly previousRunEndedAt?: Date;
}

const SYNC_POLL_MS = 200;

/** What the recorder last queued for one model (fingerprints), so unchanged objects cost nothing. */
interface Seen {
  readonly ref: ModelRef;
  capacity?: string;
  price?: string;
  /** The GPU price of the last capacity queued: it stands in for one past its bound. */
  gpuHourlyUSD?: string;
  /** The price problems last warned of (JSON), so each is logged once. */
  rejected?: string | undefined;
}

/**
 * SPEC 4: appends capacity_history and model_prices rows when a model's status or pricing
 * changes. Writes go through one ordered WriteQueue: while PostgreSQL is down they wait in memory
 * (bounded) and are retried with back-off, logged once per outage. The store makes every write
 * a no-op when nothing changed, so seeing every model again on start duplicates nothing.
 */
export class CapacityRecorder {
  /** Fingerprints last queued per model, so a resync of unchanged objects costs no query. */
  private readonly seen = new Map<string, Seen>();
  private readonly now: () => Date;
  private readonly queue: WriteQueue<PendingWrite>;
  private syncTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private swept = false;

  constructor(private readonly options: CapacityRecorderOptions) {
    this.now = options.now ?? (() => new Date());
    const { logger, retry, maxPending } = options;
    this.queue = new WriteQueue<PendingWrite>({
      write: (write) => this.write(write),
      logger,
      ...(retry === undefined ? {} : { retry }),
      ...(maxPending === undefined ? {} : { maxPending }),
    });
    options.models.onChange((model) => this.observe(model));
  }

  /** Waits for the first list, then sweeps models deleted while no API was watching. */
  start(): void {
    const { previousRunEndedAt, clusterStopsWithApi } = this.options;
    if (previousRunEndedAt && clusterStopsWithApi)
      this.queue.push({ kind: 'runEnded', at: previousRunEndedAt });
    this.waitForSync();
  }

  private waitForSync(): void {
    if (this.options.models.hasSynced()) this.queue.push({ kind: 'sweep', at: this.now() });
    else if (!this.stopped) this.syncTimer = setTimeout(() => this.waitForSync(), SYNC_POLL_MS);
  }

  /** Stops retrying after one last attempt to write what is pending. */
  async stop(): Promise<void> {
    if (this.options.clusterStopsWithApi === true && !this.stopped) {
      const at = this.now();
      for (const { ref, capacity } of this.seen.values())
        if (capacity !== undefined) this.queue.push({ kind: 'gone', model: ref, at });
    }
    this.stopped = true;
    clearTimeout(this.syncTimer);
    await this.queue.stop();
  }

  /** Writes still waiting. */
  get backlog(): number {
    return this.queue.backlog;
  }

  /** True once the first list was compared with the ledger and nothing is waiting. */
  idle(): boolean {
    return this.swept && this.queue.idle();
  }

  flush(): Promise<void> {
    return this.queue.flush();
  }

  observe(model: InferenceModel): void {
    const ref = refOf(model);
    const key = keyOf(ref);
    const at = this.now();
    if (this.options.models.get(ref.name, ref.namespace) === undefined) {
      this.seen.delete(key);
      this.queue.push({ kind: 'gone', model: ref, at });
      return;
    }
    const seen = this.seen.get(key) ?? { ref };
    this.seen.set(key, seen);
    this.warnOfPrices(model, seen);
    const state = capacityOf(model, seen.gpuHourlyUSD);
    if (state && fingerprint(state) !== seen.capacity) {
      seen.capacity = fingerprint(state);
      seen.gpuHourlyUSD = state.gpuHourlyUSD;
      this.queue.push({ kind: 'capacity', model: ref, state, at, createdAt: createdAtOf(model) });
    }
    const price = priceOf(model);
    if (price && fingerprint(price) !== seen.price) {
      seen.price = fingerprint(price);
      this.queue.push({ kind: 'price', model: ref, price, at });
    }
  }

  /** Once per model and set of bad prices: what price-bounds.ts leaves out, and why. */
  private warnOfPrices(model: InferenceModel, seen: Seen): void {
    const problems = priceProblems(model);
    const text = problems.length === 0 ? undefined : JSON.stringify(problems);
    if (text === seen.rejected) return;
    seen.rejected = text;
    if (problems.length === 0) return;
    this.options.logger.warn(
      { model: keyOf(seen.ref), problems },
      'Ignored InferenceModel prices past the CRD bounds; the last recorded price stands',
    );
  }

  private async write(write: PendingWrite): Promise<void> {
    const { store } = this.options;
    if (write.kind === 'capacity')
      await store.recordCapacity(write.model, write.state, write.at, write.createdAt);
    else if (write.kind === 'price') await store.recordPrice(write.model, write.price, write.at);
    else if (write.kind === 'gone') await store.recordGone(write.model, write.at);
    else if (write.kind === 'runEnded') await this.endPreviousRun(write.at);
    else await this.sweep(write.at);
  }

  private async endPreviousRun(at: Date): Promise<void> {
    const stopped = await this.options.store.recordRunEnded(at);
    this.options.logger.info(
      { stopped, at: at.toISOString() },
      'Previous local run was killed: its models stop when it was last seen',
    );
  }

  private async sweep(at: Date): Promise<void> {
    const { models, store } = this.options;
    for (const ref of await store.running())
      if (models.get(ref.name, ref.namespace) === undefined) await store.recordGone(ref, at);
    this.swept = true;
  }
}
