// metav1.Condition helpers with apimachinery's meta.SetStatusCondition semantics:
// lastTransitionTime changes only when status flips.

export interface Condition {
  readonly type: string;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason: string;
  readonly message: string;
  readonly observedGeneration?: number;
  readonly lastTransitionTime: string;
}

export type ConditionInput = Omit<Condition, 'lastTransitionTime'>;

/** Returns a new list with `input` set; the list is returned as is when nothing changed. */
export function setCondition(
  conditions: readonly Condition[] | undefined,
  input: ConditionInput,
  now: Date,
): Condition[] {
  const list = [...(conditions ?? [])];
  const index = list.findIndex((c) => c.type === input.type);
  const existing = list[index];
  if (!existing) return [...list, { ...input, lastTransitionTime: rfc3339(now) }];
  const lastTransitionTime =
    existing.status === input.status ? existing.lastTransitionTime : rfc3339(now);
  list[index] = { ...input, lastTransitionTime };
  return list;
}

export function findCondition(
  conditions: readonly Condition[] | undefined,
  type: string,
): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

export function isConditionTrue(conditions: readonly Condition[] | undefined, type: string) {
  return findCondition(conditions, type)?.status === 'True';
}

/** metav1.Time is RFC 3339 with second precision. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
