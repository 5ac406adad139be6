import type { Redis } from 'ioredis';
import type { RoutedDecision } from './routed-decision.js';

export interface DecisionStoreOptions {
  /** In this replica's memory: most ReportUsage calls come back to the replica that routed. */
  readonly memoryEntries: number;
  readonly memoryTtlMs: number;
  /** In Redis, for the other replicas and restarts; past it the ledger's row still answers. */
  readonly redisTtlSeconds: number;
}

export const DECISION_STORE_DEFAULTS: DecisionStoreOptions = {
  memoryEntries: 100_000,
  memoryTtlMs: 15 * 60_000,
  redisTtlSeconds: 24 * 3600,
};

const key = (tenantId: string, ledgerId: string) =>
  `sluice:router:v1:decision:${tenantId}:${ledgerId}`;

interface Remembered {
  readonly routed: RoutedDecision;
  readonly until: number;
}

/**
 * Decisions by (tenant, ledger id): a bounded in-memory LRU in front of Redis with a TTL. Both
 * are best effort: Redis trouble is a miss, never an error on Route (the caller falls back to
 * the ledger's route_decisions row).
 */
export class DecisionStore {
  private readonly memory = new Map<string, Remembered>();

  constructor(
    private readonly redis: Redis,
    private readonly options: DecisionStoreOptions = DECISION_STORE_DEFAULTS,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** Remembers in memory at once; the Redis write runs in the background. */
  remember(tenantId: string, ledgerId: string, routed: RoutedDecision): void {
    const k = key(tenantId, ledgerId);
    this.memory.delete(k);
    this.memory.set(k, { routed, until: Date.now() + this.options.memoryTtlMs });
    if (this.memory.size > this.options.memoryEntries) {
      const oldest = this.memory.keys().next();
      if (oldest.done !== true) this.memory.delete(oldest.value);
    }
    this.redis
      .set(k, JSON.stringify(routed), 'EX', this.options.redisTtlSeconds)
      .catch(this.onError);
  }

  async recall(tenantId: string, ledgerId: string): Promise<RoutedDecision | undefined> {
    const k = key(tenantId, ledgerId);
    const local = this.memory.get(k);
    if (local !== undefined && local.until > Date.now()) return local.routed;
    try {
      const stored = await this.redis.get(k);
      return stored === null ? undefined : (JSON.parse(stored) as RoutedDecision);
    } catch (error) {
      this.onError(error);
      return undefined;
    }
  }
}
