// The vllm part of an InferenceModel with the CRD's defaults applied. The API server defaults
// stored objects, but the planner must not depend on it (tests, dry runs, older stored objects),
// so the defaults are restated here once, with the same values as crds/sluice.dev_inferencemodels.yaml.
import type { InferenceModel, InferenceModelSpec } from '@sluice/crds';

type VllmSpec = NonNullable<InferenceModelSpec['vllm']>;
type Autoscaling = NonNullable<InferenceModelSpec['autoscaling']>;

export const DEFAULT_IMAGE = 'vllm/vllm-openai:v0.10.1.1';

export interface ResolvedBatching {
  maxNumSeqs: number;
  maxNumBatchedTokens?: number;
  enablePrefixCaching: boolean;
  enableChunkedPrefill: boolean;
  gpuMemoryUtilization: number;
  maxModelLen?: number;
}

export interface ResolvedVllm {
  spec: VllmSpec;
  image: string;
  gpuCount: number;
  gpuResourceName: string;
  tensorParallelSize: number;
  servedModelName: string;
  batching: ResolvedBatching;
}

const BATCHING_DEFAULTS: ResolvedBatching = {
  maxNumSeqs: 256,
  enablePrefixCaching: true,
  enableChunkedPrefill: true,
  gpuMemoryUtilization: 0.9,
};

export function resolveVllm(name: string, vllm: VllmSpec): ResolvedVllm {
  return {
    spec: vllm,
    image: vllm.image ?? DEFAULT_IMAGE,
    gpuCount: vllm.gpu.count ?? 1,
    gpuResourceName: vllm.gpu.resourceName ?? 'nvidia.com/gpu',
    tensorParallelSize: vllm.tensorParallelSize ?? 1,
    servedModelName: vllm.servedModelName ?? name,
    batching: { ...BATCHING_DEFAULTS, ...vllm.batching },
  };
}

export interface ResolvedAutoscaling {
  minReplicas: number;
  maxReplicas: number;
  metric: 'num_requests_running' | 'num_requests_waiting';
  targetPerReplica: number;
  scaleDownStabilizationSeconds: number;
  scaler: 'hpa' | 'keda';
}

const AUTOSCALING_DEFAULTS: ResolvedAutoscaling = {
  minReplicas: 1,
  maxReplicas: 1,
  metric: 'num_requests_waiting',
  targetPerReplica: 4,
  scaleDownStabilizationSeconds: 300,
  scaler: 'hpa',
};

export function resolveAutoscaling(a: Autoscaling | undefined): ResolvedAutoscaling {
  return { ...AUTOSCALING_DEFAULTS, ...a };
}

/** metadata.name and namespace, which every planned object needs. */
export function identity(model: InferenceModel): { name: string; namespace: string } {
  return { name: model.metadata?.name ?? '', namespace: model.metadata?.namespace ?? 'default' };
}
