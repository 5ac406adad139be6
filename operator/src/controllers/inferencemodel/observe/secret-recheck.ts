// When to look again for an external model's missing API-key Secret. Secrets are not watched
// (see the reconciler), so the reconciler requeues itself: as long after as the Secret has been
// missing (the age of Ready=False), between one second and one minute. A Secret applied moments
// after its model (`kubectl apply -f examples/`) is found within a second or two; one forgotten
// for good costs one GET a minute. Derived from the status, so a restart keeps the pace.
import type { InferenceModel } from '@sluice/crds';

export const SECRET_RECHECK_MIN_MS = 1_000;
export const SECRET_RECHECK_MAX_MS = 60_000;

export function secretRecheckMs(model: InferenceModel, nowMs: number): number {
  const notReady = model.status?.conditions?.find(
    (c) => c.type === 'Ready' && c.status === 'False',
  );
  const since = notReady ? Date.parse(notReady.lastTransitionTime) : Number.NaN;
  const missingFor = Number.isNaN(since) ? 0 : nowMs - since;
  return Math.min(SECRET_RECHECK_MAX_MS, Math.max(SECRET_RECHECK_MIN_MS, missingFor));
}
