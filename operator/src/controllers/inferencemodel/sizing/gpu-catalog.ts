// GPU types the InferenceModel CRD knows (the CEL rule on spec.vllm.gpu.type lists them), with the
// memory the driver reports, which is what vLLM's --gpu-memory-utilization is a fraction of.
import type { V1Affinity, V1Toleration } from '@kubernetes/client-node';
import type { InferenceModelSpec } from '@sluice/crds';

type GpuSpec = NonNullable<InferenceModelSpec['vllm']>['gpu'];

/** The label a platform team may set on GPU nodes (spec.vllm.gpu.selectNodesBy: typeLabel). */
export const GPU_TYPE_LABEL = 'sluice.dev/gpu-type';

/** The label NVIDIA GPU Feature Discovery sets: NVML's product name, spaces made dashes. */
export const GPU_PRODUCT_LABEL = 'nvidia.com/gpu.product';

/**
 * nvidia.com/gpu.product values of each known type, every form factor that has its memory (a
 * plain value per type would miss A100 PCIe nodes). MIG slices and renamed shared GPUs carry
 * suffixes and are not matched: a replica needs whole GPUs.
 */
export const GPU_PRODUCTS: Readonly<Record<string, readonly string[]>> = {
  'nvidia-t4': ['Tesla-T4'],
  'nvidia-l4': ['NVIDIA-L4'],
  'nvidia-a10g': ['NVIDIA-A10G'],
  'nvidia-l40s': ['NVIDIA-L40S'],
  'nvidia-a100-40gb': ['NVIDIA-A100-SXM4-40GB', 'NVIDIA-A100-PCIE-40GB'],
  'nvidia-a100-80gb': ['NVIDIA-A100-SXM4-80GB', 'NVIDIA-A100-80GB-PCIe'],
  'nvidia-h100-80gb': ['NVIDIA-H100-80GB-HBM3', 'NVIDIA-H100-PCIe'],
  'nvidia-h200-141gb': ['NVIDIA-H200', 'NVIDIA-H200-NVL'],
};

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

/** Where a replica may run: spec.vllm.gpu.selectNodesBy, then spec.vllm.gpu.nodeSelector. */
export interface GpuPlacement {
  nodeSelector?: Record<string, string>;
  affinity?: V1Affinity;
}

export function gpuPlacement(gpu: GpuSpec): GpuPlacement {
  const by = gpu.selectNodesBy ?? 'gpuProduct';
  const selector: Record<string, string> = by === 'typeLabel' ? { [GPU_TYPE_LABEL]: gpu.type } : {};
  for (const [key, value] of Object.entries(gpu.nodeSelector ?? {})) {
    if (value !== undefined) selector[key] = value;
  }
  const placement: GpuPlacement = {};
  if (Object.keys(selector).length > 0) placement.nodeSelector = selector;
  const products = by === 'gpuProduct' ? GPU_PRODUCTS[gpu.type] : undefined;
  if (products) {
    const expression = { key: GPU_PRODUCT_LABEL, operator: 'In', values: [...products] };
    placement.affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [expression] }],
        },
      },
    };
  }
  return placement;
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
