// GPU types the InferenceModel CRD knows (the CEL rule on spec.vllm.gpu.type lists them), with the
// memory the driver reports, which is what vLLM's --gpu-memory-utilization is a fraction of.
import type { V1Toleration } from '@kubernetes/client-node';
import type { InferenceModelSpec } from '@sluice/crds';

type GpuSpec = NonNullable<InferenceModelSpec['vllm']>['gpu'];

/**
 * Node label the operator selects GPU nodes by. Decision: a label of our own, set by the platform
 * team (or a node-pool template), because GPU feature discovery's `nvidia.com/gpu.product` values
 * differ per form factor (NVIDIA-A100-SXM4-80GB vs NVIDIA-A100-80GB-PCIe) and per cloud, so one
 * value per type cannot be right. Provider labels go in spec.vllm.gpu.nodeSelector, which is merged.
 */
export const GPU_TYPE_LABEL = 'sluice.dev/gpu-type';

/** Default toleration for the taint GPU node pools carry (GKE, EKS and AKS GPU pools use it). */
export const GPU_TOLERATION: V1Toleration = {
  key: 'nvidia.com/gpu',
  operator: 'Exists',
  effect: 'NoSchedule',
};

/** MiB per GPU as nvidia-smi reports total memory (less than the marketing "GB"). */
export const GPU_MEMORY_MIB: Readonly<Record<string, number>> = {
  'nvidia-t4': 15360,
  'nvidia-l4': 23034,
  'nvidia-a10g': 23028,
  'nvidia-l40s': 46068,
  'nvidia-a100-40gb': 40960,
  'nvidia-a100-80gb': 81920,
  'nvidia-h100-80gb': 81559,
  'nvidia-h200-141gb': 143771,
};

/**
 * CUDA compute capability (x10: 75 is 7.5) of the same types: what decides which quantization
 * kernels vLLM has for them (quantization-support.ts) and whether Marlin kernels exist (8.0+).
 * A type the table lacks (set with spec.gpu.memoryGiB) has no known capability.
 */
export const GPU_COMPUTE_CAPABILITY: Readonly<Record<string, number>> = {
  'nvidia-t4': 75,
  'nvidia-l4': 89,
  'nvidia-a10g': 86,
  'nvidia-l40s': 89,
  'nvidia-a100-40gb': 80,
  'nvidia-a100-80gb': 80,
  'nvidia-h100-80gb': 90,
  'nvidia-h200-141gb': 90,
};

/** "7.5" for 75. */
export const capabilityText = (capability: number): string =>
  `${Math.floor(capability / 10)}.${capability % 10}`;

/** Memory of one GPU in MiB: spec.gpu.memoryGiB wins over the table; undefined when neither. */
export function gpuMemoryMiB(gpu: GpuSpec): number | undefined {
  if (gpu.memoryGiB !== undefined) return gpu.memoryGiB * 1024;
  return GPU_MEMORY_MIB[gpu.type];
}

/** Node selector: the GPU type label, then the spec's labels (which may override it). */
export function gpuNodeSelector(gpu: GpuSpec): Record<string, string> {
  const selector: Record<string, string> = { [GPU_TYPE_LABEL]: gpu.type };
  for (const [key, value] of Object.entries(gpu.nodeSelector ?? {})) {
    if (value !== undefined) selector[key] = value;
  }
  return selector;
}

/** The default GPU toleration plus the spec's, without duplicates. */
export function gpuTolerations(gpu: GpuSpec): V1Toleration[] {
  const all: V1Toleration[] = [GPU_TOLERATION, ...(gpu.tolerations ?? []).map(toToleration)];
  const seen = new Set<string>();
  return all.filter((t) => {
    const key = JSON.stringify([t.key, t.operator, t.value, t.effect, t.tolerationSeconds]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toToleration(t: NonNullable<GpuSpec['tolerations']>[number]): V1Toleration {
  const out: V1Toleration = {};
  if (t.key !== undefined) out.key = t.key;
  if (t.operator !== undefined) out.operator = t.operator;
  if (t.value !== undefined) out.value = t.value;
  if (t.effect !== undefined) out.effect = t.effect;
  if (t.tolerationSeconds !== undefined) out.tolerationSeconds = t.tolerationSeconds;
  return out;
}
