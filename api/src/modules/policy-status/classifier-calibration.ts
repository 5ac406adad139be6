import type { KubernetesObject } from '@kubernetes/client-node';
import type { RoutingPolicy, RoutingPolicyStatus } from '@sluice/crds';
import { rfc3339, type EventRecorder } from '@sluice/operator/runtime';
import type { CalibrationSettings } from './classifier/calibration-settings.js';
import { planClassifierStatus, type ClassifierPlan } from './classifier/classifier-status.js';
import type { ClassifierInputs } from './classifier-inputs.js';

/** What the writer needs to calibrate learned classifiers (absent: it never writes the field). */
export interface ClassifierCalibration {
  /** Every policy's recent scores and judged pairs, ending at `now`. */
  readonly inputs: (now: Date) => Promise<ClassifierInputs>;
  readonly settings: CalibrationSettings;
  /** Where a boundary move is told (an Event on the policy); absent in tests that do not look. */
  readonly recorder: Pick<EventRecorder, 'record'> | undefined;
}

/** The policy's classifier plan from this pass's inputs (undefined: keep what it shows). */
export function classifierPlanOf(
  policy: RoutingPolicy,
  inputs: ClassifierInputs | undefined,
  context: {
    settings: CalibrationSettings;
    windowSeconds: number;
    now: Date;
    /** The router model version the policy's snapshot routes with, when it has one. */
    model: string | undefined;
  },
): ClassifierPlan {
  const { namespace = 'default', name = '' } = policy.metadata ?? {};
  const key = `${namespace}/${name}`;
  return planClassifierStatus({
    policy,
    // No inputs this pass: undefined keeps the boundary and lists; read, but none: empty.
    scores: inputs && (inputs.scores.get(key) ?? []),
    verdicts: inputs && inputs.verdicts.get(key),
    model: context.model,
    windowSeconds: context.windowSeconds,
    settings: context.settings,
    now: rfc3339(context.now),
  });
}

export function withClassifier(
  status: RoutingPolicyStatus,
  plan: ClassifierPlan,
): RoutingPolicyStatus {
  return plan.status === undefined ? status : { ...status, classifier: plan.status };
}

/**
 * A Normal Event on the policy for a boundary move, after the status saying so was written. The
 * recorder only queues it (its own rate-limited writer, as client-go's EventBroadcaster).
 */
export function announceMove(
  calibration: ClassifierCalibration,
  policy: RoutingPolicy,
  plan: ClassifierPlan,
): void {
  if (plan.move === undefined || calibration.recorder === undefined) return;
  // The generated types' creationTimestamp is the wire's string, client-node's a Date.
  calibration.recorder.record(policy as unknown as KubernetesObject, {
    type: 'Normal',
    reason: 'ClassifierBoundaryMoved',
    action: 'Calibrate',
    note: plan.move.note,
  });
}
