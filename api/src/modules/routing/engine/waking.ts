import type { InferenceModel } from '@sluice/crds';

/**
 * A scale-to-zero model (spec.autoscaling.minReplicas 0) that is asleep or starting. Route does
 * not send it queries (nothing answers yet) but counts them as its demand, which is what wakes it
 * (KEDA's trigger on sluice_model_demand_total), and says so in the decision.
 */
export interface WakeView {
  /** Seconds from now until it is expected to serve: an estimate, for the caller's retry. */
  readonly readyInSeconds: number;
}

/** A model the decision woke (or found waking) instead of routing to it. */
export interface WakingTarget {
  readonly model: string;
  readonly tier: string;
  readonly readyInSeconds: number;
}

/**
 * A cold start of vLLM on a node that has the GPU: image cached, weights from the model cache.
 * Startup probes allow 30 minutes, which is a worst case, not an estimate; this is the typical
 * one, and `sluice.dev/expected-startup-seconds` on the InferenceModel says better.
 */
export const DEFAULT_STARTUP_SECONDS = 120;
export const STARTUP_ANNOTATION = 'sluice.dev/expected-startup-seconds';

/**
 * The operator's Ready=False reasons of a Deployment with no ready replica yet
 * (workload-conditions.ts). On a scale-to-zero model these are sleep and wake-up; on any other
 * model they stay plain unavailability.
 */
const ASLEEP_OR_STARTING = new Set(['ScaledToZero', 'DeploymentPending', 'ReplicasNotReady']);

export function wakeViewOf(model: InferenceModel): WakeView | undefined {
  if (!mayScaleToZero(model) || !asleepOrStarting(model)) return undefined;
  return { readyInSeconds: startupSeconds(model.metadata?.annotations?.[STARTUP_ANNOTATION]) };
}

/** ModelView's `waking` field, absent when the model is not waking. */
export function wakingOf(model: InferenceModel): { waking?: WakeView } {
  const waking = wakeViewOf(model);
  return waking === undefined ? {} : { waking };
}

function mayScaleToZero(model: InferenceModel): boolean {
  return model.spec?.provider === 'vllm' && model.spec.autoscaling?.minReplicas === 0;
}

function asleepOrStarting(model: InferenceModel): boolean {
  const ready = model.status?.conditions?.find((c) => c.type === 'Ready');
  return ready?.status === 'False' && ASLEEP_OR_STARTING.has(ready.reason ?? '');
}

/** The annotation when it is a whole number of seconds up to a day, else the default. */
function startupSeconds(annotation: string | undefined): number {
  const seconds = annotation === undefined ? NaN : Number(annotation);
  const usable = Number.isInteger(seconds) && seconds > 0 && seconds <= 86_400;
  return usable ? seconds : DEFAULT_STARTUP_SECONDS;
}
