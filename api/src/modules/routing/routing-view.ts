// The seam between the informer layer (which watches RoutingPolicies, InferenceModels and
// QuantizationProfiles) and the Router service (which reads them on every Route). Route never
// waits on the Kubernetes API or the database: it reads the last snapshot this view holds.
import type { RoutingSnapshot, SpendSnapshot } from './engine/index.js';

export interface RoutingView {
  /** The compiled snapshot of one policy, or undefined when no such policy exists. */
  snapshot(namespace: string, name: string): RoutingSnapshot | undefined;
  /** Every current snapshot, e.g. for metrics or a RoutingPolicy status writer. */
  snapshots(): readonly RoutingSnapshot[];
  /** True once the informers listed everything at least once. */
  hasSynced(): boolean;
}

/** Nest injection token of the RoutingView. */
export const ROUTING_VIEW = Symbol('RoutingView');

/**
 * Month-to-date spend per budget tag, read by Route's budget check. Refreshed from the ledger in
 * the background; undefined until the first refresh (budgets are then not enforced).
 */
export interface SpendView {
  current(): SpendSnapshot | undefined;
}

/** Nest injection token of the SpendView. */
export const SPEND_VIEW = Symbol('SpendView');
