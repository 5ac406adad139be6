// metav1.Condition bookkeeping: lastTransitionTime moves only when a condition's status flips
// (Kubernetes API conventions; lws does the same), so an unchanged status writes nothing new.
import type { Condition } from '@sluice/crds';

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
 * Stamps drafts with observedGeneration and lastTransitionTime, keeping the previous time for a
 * condition whose status did not change. Conditions of other types are kept as they were.
 */
export function mergeConditions(
  previous: readonly Condition[] | undefined,
  drafts: readonly ConditionDraft[],
  generation: number,
  now: string,
): Condition[] {
  const byType = new Map((previous ?? []).map((c) => [c.type, c]));
  const stamped = drafts.map((d): Condition => {
    const before = byType.get(d.type);
    const lastTransitionTime =
      before && before.status === d.status ? before.lastTransitionTime : now;
    return { ...d, observedGeneration: generation, lastTransitionTime };
  });
  const planned = new Set(drafts.map((d) => d.type));
  const kept = (previous ?? []).filter((c) => !planned.has(c.type));
  return [...stamped, ...kept];
}

export function findCondition(conditions: readonly Condition[] | undefined, type: string) {
  return conditions?.find((c) => c.type === type);
}
