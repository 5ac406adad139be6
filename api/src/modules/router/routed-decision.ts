import type { CacheRequest, CacheSettings } from '../cache/index.js';
import type { DecisionRecord } from '../ledger/ledger-events.repository.js';

/**
 * What Route remembers of a decision for what comes after it: ReportUsage needs the ledger's
 * view of it (model, tier, cache kind, baseline, tags) and, to store a cacheable answer, the
 * prompt's cache key material; a retried Route with the same decision id gets the same reply.
 * JSON-safe, so it can live in Redis for other replicas.
 */
export interface RoutedDecision {
  readonly record: Omit<DecisionRecord, 'createdAt'> & { readonly createdAt: string };
  /** Set when the answer may be cached: the policy enables a cache and the prompt had text. */
  readonly cache?: {
    readonly request: CacheRequest;
    readonly settings: CacheSettings;
    /** The routing token's scope: the answer is stored for that scope only (absent: tenant-wide). */
    readonly tokenScope?: Readonly<Record<string, string>>;
  };
  /** sluice.v1.RouteDecision, binary in base64 (absent for a decision read back from the ledger). */
  readonly reply?: string;
}

export function toDecisionRecord(routed: RoutedDecision): DecisionRecord {
  return { ...routed.record, createdAt: new Date(routed.record.createdAt) };
}

export function fromDecisionRecord(
  record: DecisionRecord,
  extras: Omit<RoutedDecision, 'record'> = {},
): RoutedDecision {
  return { ...extras, record: { ...record, createdAt: record.createdAt.toISOString() } };
}
