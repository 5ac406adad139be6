// The pure planner of the InferenceModel reconciler (observe -> PLAN -> apply -> status): from the
// model, its QuantizationProfile and what the cache holds, the child objects to apply, the
// children to delete, and the status to write. No I/O and no clock: `now` comes in.
//
// Contract with the applier: `objects` are applied (server-side apply, owned by the model);
// children absent from `objects` are NOT deleted, except those listed in `obsolete`. So a blocked
// model (InsufficientGPUMemory, unknown profile) leaves a running Deployment exactly as it was.
import type {
  InferenceModel,
  InferenceModelStatus,
  QuantizationProfile,
  Condition,
} from '@sluice/crds';
import type {
  V1Deployment,
  V1Job,
  V1PodDisruptionBudget,
  V1Service,
  V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';
import type { ScaledObject } from './desired-autoscaler.js';
import type { ServiceMonitor } from './desired-service-monitor.js';
import type { ObservedDeployment, ObservedJob } from './observed.js';
import { planExternal } from './plan-external.js';
import { planVllm } from './plan-vllm.js';

export type KubeObject =
  | V1Deployment
  | V1Service
  | V1PodDisruptionBudget
  | V2HorizontalPodAutoscaler
  | ScaledObject
  | ServiceMonitor
  | V1Job;

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

/** Which optional CRDs the cluster serves (from discovery). */
export interface Capabilities {
  keda: boolean;
  serviceMonitor: boolean;
  /** Prometheus the KEDA trigger queries; DEFAULT_PROMETHEUS_ADDRESS when unset. */
  prometheusAddress?: string;
}

export interface PlanInput {
  model: InferenceModel;
  /** The referenced profile; 'missing' (or undefined with a ref set) when it does not exist. */
  profile?: QuantizationProfile | 'missing';
  capabilities: Capabilities;
  observed?: {
    deployment?: ObservedDeployment;
    fineTuneJobs?: readonly ObservedJob[];
    /** external: the API-key Secret exists and holds the key. */
    secretFound?: boolean;
  };
  /** RFC 3339 time of this reconcile. */
  now: string;
}

export interface Plan {
  objects: KubeObject[];
  obsolete: ObjectRef[];
  conditions: Condition[];
  statusPatch: InferenceModelStatus;
  /** False when statusPatch equals the current status (skip the write). */
  statusChanged: boolean;
}

export function planInferenceModel(input: PlanInput): Plan {
  return input.model.spec?.provider === 'external' ? planExternal(input) : planVllm(input);
}
