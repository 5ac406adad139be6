// The FitsGPU verdict: the memory estimate of memory-estimate.ts for the resolved model, profile
// and GPU, as a condition. Not fitting blocks the rollout (InsufficientGPUMemory); not knowing
// the shape does not (no estimate can be made, so vLLM's own start-up check decides).
import type { QuantizationProfileSpec } from '@sluice/crds';
import { draft, type ConditionDraft } from '../status/conditions.js';
import { gpuMemoryMiB } from '../sizing/gpu-catalog.js';
import {
  estimateMemory,
  type EstimateInput,
  type MemoryEstimate,
} from '../sizing/memory-estimate.js';
import { architectureFor } from '../sizing/model-families.js';
import type { ResolvedVllm } from './resolved-spec.js';

export interface FitResult {
  condition: ConditionDraft;
  estimate?: MemoryEstimate;
  /** Weights plus KV cache of one replica (all its GPUs), for status. */
  estimatedMiBPerReplica?: number;
  blocked?: { reason: string; message: string };
}

export function checkFit(v: ResolvedVllm, profile: QuantizationProfileSpec | undefined): FitResult {
  const input = estimateInput(v, profile);
  if (typeof input === 'string') {
    const message = `Cannot estimate GPU memory: ${input}.`;
    return { condition: draft('FitsGPU', 'Unknown', 'EstimateUnavailable', message) };
  }
  const estimate = estimateMemory(input);
  const perReplica = (estimate.weightsMiB + estimate.kvCacheMiB) * v.gpuCount;
  const result = { estimate, estimatedMiBPerReplica: Math.ceil(perReplica) };
  if (estimate.fits) {
    const message = `The model ${estimate.message}.`;
    return { ...result, condition: draft('FitsGPU', 'True', 'EstimateFits', message) };
  }
  const message =
    `The model ${estimate.message}. Use a smaller quantization profile, a lower ` +
    'batching.maxModelLen, a larger tensorParallelSize or a GPU type with more memory.';
  const reason = 'InsufficientGPUMemory';
  return {
    ...result,
    condition: draft('FitsGPU', 'False', reason, message),
    blocked: { reason, message },
  };
}

/** The estimate's inputs, or why they cannot be known. */
function estimateInput(
  v: ResolvedVllm,
  profile: QuantizationProfileSpec | undefined,
): EstimateInput | string {
  const { arch, source } = architectureFor(v.spec);
  if (!arch) return `the architecture of ${v.spec.model} is unknown; set spec.vllm.architecture`;
  const memory = gpuMemoryMiB(v.spec.gpu);
  if (memory === undefined) {
    return `the memory of GPU type ${v.spec.gpu.type} is unknown; set spec.vllm.gpu.memoryGiB`;
  }
  const maxModelLen = v.batching.maxModelLen ?? arch.maxContext;
  if (maxModelLen === undefined) return 'the context length is unknown; set batching.maxModelLen';
  return {
    arch,
    source,
    weightBits: profile?.weightBits ?? 16,
    kvCacheBytes: profile?.kvCacheDtype?.startsWith('fp8') ? 1 : 2,
    tensorParallelSize: v.tensorParallelSize,
    maxModelLen,
    maxNumSeqs: v.batching.maxNumSeqs,
    gpuType: v.spec.gpu.type,
    gpuMemoryMiB: memory,
    gpuMemoryUtilization: v.batching.gpuMemoryUtilization,
  };
}
