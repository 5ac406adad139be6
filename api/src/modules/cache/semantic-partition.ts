import type { Embedder } from './embedder.js';
import type { HnswParams } from './hnsw-params.js';
import { SemanticIndex } from './semantic-index.js';
import type { SemanticStore } from './semantic-store.js';

/**
 * Entries another replica wrote are fetched if created up to this long before the last sync:
 * replica clocks differ, and a write can land after a sync that started later.
 */
const SYNC_OVERLAP_MS = 60_000;

/**
 * One (tenant, policy, embedder) index and its link to Redis. It fills itself from Redis the
 * first time it is used (a restarted replica gets the entries back), then every
 * `syncIntervalMs` fetches in the background what other replicas added since.
 */
export class SemanticPartition {
  readonly index: SemanticIndex;
  /** When a sync last started (success or not), and the start of the last one that succeeded. */
  private attemptedAt: number | undefined;
  private syncedAt: number | undefined;
  private firstLoad: Promise<void> | undefined;
  private syncing = false;

  constructor(
    readonly prefix: string,
    embedder: Embedder,
    private readonly store: SemanticStore,
    private readonly options: {
      readonly maxEntries: number;
      readonly maxBytes: number;
      readonly syncIntervalMs: number;
      readonly hnsw?: Partial<HnswParams>;
    },
  ) {
    const { maxEntries, maxBytes, hnsw } = options;
    this.index = new SemanticIndex(embedder.dimensions, maxEntries, maxBytes, hnsw);
  }

  /**
   * Resolves once the first load from Redis ended (loaded or failed: a partition works from
   * memory while Redis is down, and a failed load is retried at the next interval, in the
   * background, so a dead Redis does not slow every lookup). Later calls start a background
   * sync when one is due.
   */
  ready(now: number, onError: (error: unknown) => void): Promise<void> {
    const due =
      this.attemptedAt === undefined || now - this.attemptedAt >= this.options.syncIntervalMs;
    if (!this.syncing && due) {
      this.attemptedAt = now;
      this.syncing = true;
      const run = this.sync(now)
        .catch(onError)
        .finally(() => (this.syncing = false));
      this.firstLoad ??= run;
    }
    return this.firstLoad ?? Promise.resolve();
  }

  private async sync(now: number): Promise<void> {
    const since = this.syncedAt === undefined ? 0 : this.syncedAt - SYNC_OVERLAP_MS;
    const loaded = await this.store.load(this.prefix, since, (id) => this.index.has(id));
    for (const { entry, vector } of loaded) {
      if (entry.expiresAt > now && vector.length === this.index.dimensions)
        this.index.add(entry, vector);
    }
    this.syncedAt = now;
  }
}
