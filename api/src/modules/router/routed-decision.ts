import type { CacheRequest, CacheSettings } from '../cache/index.js';
import type { DecisionRecord } from '../ledger/ledger-events.repository.js';
import type { Decision, TaskKindSource } from '../routing/engine/index.js';

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
  /**
   * What the decision was classified as, for what judges it later (shadow verdicts, calibration
   * by task kind and smallOk); absent for a decision read back from the ledger.
   */
  readonly classification?: RoutedClassification;
}

/** The engine Decision's classification, JSON-safe (absent fields: not known). */
export interface RoutedClassification {
  readonly classifier: Decision['classifier'];
  readonly taskKind?: string;
  readonly taskKindSource?: TaskKindSource;
  /** In [0, 1]; learned classifier only. */
  readonly smallOk?: number;
  readonly classifierVersion?: string;
}

export function classificationOf(decision: Decision): RoutedClassification {
  const { classifier, taskKind, taskKindSource, smallOk, classifierVersion } = decision;
  return {
    classifier,
    ...(taskKind === undefined ? {} : { taskKind }),
    ...(taskKindSource === undefined ? {} : { taskKindSource }),
    ...(smallOk === undefined ? {} : { smallOk }),
    ...(classifierVersion === undefined ? {} : { classifierVersion }),
  };
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
