// The planner's inputs and outputs, apart from the planner so that plan-vllm.ts and
// plan-external.ts (which plan.ts dispatches to) import them without an import cycle.
import type {
  InferenceModel,
  InferenceModelStatus,
  QuantizationProfile,
  Condition,
} from '@sluice/crds';
import type {
  V1Deployment,
  V1Job,
  V1PersistentVolumeClaim,
  V1PodDisruptionBudget,
  V1Service,
  V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';
import type { ScaledObject } from '../desired/desired-autoscaler.js';
import type { ServiceMonitor } from '../desired/desired-service-monitor.js';
import type { ObservedDeployment, ObservedJob } from '../observe/observed.js';

export type KubeObject =
  | V1PersistentVolumeClaim
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
  /** Added to every ServiceMonitor, so the cluster's Prometheus selects them. */
  serviceMonitorLabels?: Readonly<Record<string, string>>;
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
