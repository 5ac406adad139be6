import type { Redis } from 'ioredis';
import { BoundedMemory } from '../../util/bounded-memory.js';
import { TurnBatch } from '../../util/turn-batch.js';
import type { RoutedDecision } from './routed-decision.js';

export interface DecisionStoreOptions {
  /** In this replica's memory: most ReportUsage calls come back to the replica that routed. */
  readonly memoryEntries: number;
  /**
   * And at most this much of their JSON (the heap holds about twice that): a decision carries
   * its prompt's cache key material and the reply, so a count alone let 100k decisions of long
   * prompts take a gigabyte (issue 12: RSS 1.2 GB over 135k Route calls).
   */
  readonly memoryBytes: number;
  readonly memoryTtlMs: number;
  /** In Redis, for the other replicas and restarts; past it the ledger's row still answers. */
  readonly redisTtlSeconds: number;
}

export const DECISION_STORE_DEFAULTS: DecisionStoreOptions = {
  memoryEntries: 100_000,
  memoryBytes: 64 * 2 ** 20,
  memoryTtlMs: 15 * 60_000,
  redisTtlSeconds: 24 * 3600,
};

const key = (tenantId: string, ledgerId: string) =>
  `sluice:router:v1:decision:${tenantId}:${ledgerId}`;

/**
 * Decisions by (tenant, ledger id): a bounded in-memory LRU (entries, bytes, age) in front of
 * Redis with a TTL. Both
 * are best effort: Redis trouble is a miss, never an error on Route (the caller falls back to
 * the ledger's route_decisions row).
 */
export class DecisionStore {
  private readonly memory: BoundedMemory<RoutedDecision>;
  /** The writes of one event-loop turn, as one pipeline: one socket write for them all. */
  private readonly writes: TurnBatch<readonly [string, string], void>;

  constructor(
    private readonly redis: Redis,
    private readonly options: DecisionStoreOptions = DECISION_STORE_DEFAULTS,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    this.memory = new BoundedMemory({
      maxEntries: options.memoryEntries,
      maxBytes: options.memoryBytes,
      ttlMs: options.memoryTtlMs,
    });
    this.writes = new TurnBatch(async (entries) => {
      const pipeline = this.redis.pipeline();
      for (const [k, json] of entries) pipeline.set(k, json, 'EX', this.options.redisTtlSeconds);
      // Each command's own error is reported as a failed write of that decision.
      const results = (await pipeline.exec()) ?? [];
      return results.map(([error]) => {
        if (error !== null) this.onError(error);
      });
    });
  }

  /** Entries in this replica's memory. */
  get size(): number {
    return this.memory.size;
  }

  /** Their JSON's length. */
  get bytes(): number {
    return this.memory.bytes;
  }

  /** Remembers in memory at once; the Redis write runs in the background. */
  remember(tenantId: string, ledgerId: string, routed: RoutedDecision): void {
    const k = key(tenantId, ledgerId);
    const json = JSON.stringify(routed);
    this.memory.set(k, routed, json.length);
    this.writes.add([k, json]).catch(this.onError);
  }

  async recall(tenantId: string, ledgerId: string): Promise<RoutedDecision | undefined> {
    const k = key(tenantId, ledgerId);
    const local = this.memory.get(k);
    if (local !== undefined) return local;
    try {
      const stored = await this.redis.get(k);
      return stored === null ? undefined : (JSON.parse(stored) as RoutedDecision);
    } catch (error) {
      this.onError(error);
      return undefined;
    }
  }
}
