/**
 * The ledger's own domain types. The gRPC edge maps the wire messages onto these; nothing here
 * knows protobuf. Token counts per report are safe integers (checked at ingest); sums are bigint.
 */
export interface ModelRef {
  readonly namespace: string;
  readonly name: string;
}

export type CacheKind = 'none' | 'exact' | 'semantic';
export const CACHE_KINDS: readonly CacheKind[] = ['none', 'exact', 'semantic'];

export type UsageStatus = 'ok' | 'error' | 'cancelled';
export const USAGE_STATUSES: readonly UsageStatus[] = ['ok', 'error', 'cancelled'];

export type Tags = Record<string, string>;

/**
 * `inputTokens` are the UNCACHED input tokens and `cachedInputTokens` the ones the provider
 * served from its prompt cache, so SPEC 4's formula applies as written (no double count).
 */
export interface TokenCounts {
  readonly inputTokens: number;
  readonly cachedInputTokens: number;
  readonly outputTokens: number;
}

/**
 * One usage report as the ledger ingests it: the caller's report already joined with its route
 * decision (model, tier, cache kind, baseline) by the service that enqueues it, so a job is
 * self-contained and the writer never waits for the decision row.
 */
export interface UsageReport extends TokenCounts {
  readonly tenantId: string;
  readonly idempotencyKey: string;
  readonly decisionId: string;
  readonly model: ModelRef;
  readonly tier: string;
  readonly cacheKind: CacheKind;
  /** The model the all-frontier baseline would have used, for savings; absent if none. */
  readonly baselineModel?: ModelRef;
  readonly latencyMs: number;
  readonly status: UsageStatus;
  readonly tags: Tags;
  readonly template?: string;
  /**
   * A shadow call's usage (its decision says so, not the caller): a model call that is not a
   * query, whose cost economics reports as shadow_cost_usd. Absent means false.
   */
  readonly shadow?: boolean;
  /** ISO 8601; a string so the report survives the JSON of a BullMQ job unchanged. */
  readonly occurredAt: string;
}

export const modelKey = (model: ModelRef): string => `${model.namespace}/${model.name}`;
