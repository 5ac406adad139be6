// metav1.Condition bookkeeping: lastTransitionTime moves only when a condition's status flips
// (Kubernetes API conventions; lws does the same), so an unchanged status writes nothing new.
import type { Condition } from '@sluice/crds';
import { findCondition, setCondition } from '../../../runtime/conditions.js';

export type ConditionStatus = Condition['status'];

/** A condition before timestamps: what the planner decides. */
export interface ConditionDraft {
  type: string;
  status: ConditionStatus;
  reason: string;
  message: string;
}

export function draft(
  type: string,
  status: ConditionStatus,
  reason: string,
  message: string,
): ConditionDraft {
  return { type, status, reason, message };
}

/**
 * Stamps drafts with observedGeneration through the runtime's setCondition (lastTransitionTime
 * kept unless the status flips). Conditions of other types are kept as they were.
 */
export function mergeConditions(
  previous: readonly Condition[] | undefined,
  drafts: readonly ConditionDraft[],
  generation: number,
  now: string,
): Condition[] {
  const at = new Date(now);
  return drafts.reduce<Condition[]>(
    (list, d) => setCondition(list, { ...d, observedGeneration: generation }, at),
    [...(previous ?? [])],
  );
}

export { findCondition };
