// The one combination the CRD cannot reject and vLLM does: a method its kernels do not support
// on the GPU of a model using the profile. vLLM refuses to start when the GPU's compute capability
// is below the method's minimum (QuantizationConfig.get_min_capability), e.g. fp8 on a T4.
// Method widths, and KV-cache dtypes (all four are valid vLLM --kv-cache-dtype values), are
// already enforced by the CRD's enums and CEL rules.
import type { InferenceModel, QuantizationProfileSpec } from '@sluice/crds';

/** vLLM's minimum compute capability per method (x10: 75 is 7.5). */
const MIN_CAPABILITY: Readonly<Record<QuantizationProfileSpec['method'], number>> = {
  awq: 75,
  gptq: 60,
  fp8: 80,
  bitsandbytes: 70,
  none: 0,
};

/** Compute capability (x10) of the GPU types the InferenceModel CRD accepts. */
const CAPABILITY: Readonly<Record<string, number>> = {
  'nvidia-t4': 75,
  'nvidia-l4': 89,
  'nvidia-a10g': 86,
  'nvidia-l40s': 89,
  'nvidia-a100-40gb': 80,
  'nvidia-a100-80gb': 80,
  'nvidia-h100-80gb': 90,
  'nvidia-h200-141gb': 90,
};

const version = (cc: number): string => `${Math.floor(cc / 10)}.${cc % 10}`;

/** A message naming the models whose GPU cannot run the method; undefined when all can. */
export function unsupportedGpus(
  spec: QuantizationProfileSpec,
  models: readonly InferenceModel[],
): string | undefined {
  const needed = MIN_CAPABILITY[spec.method];
  const failing = models.filter((m) => {
    const capability = CAPABILITY[m.spec?.vllm?.gpu.type ?? ''];
    return capability !== undefined && capability < needed;
  });
  if (failing.length === 0) return undefined;
  const listed = failing.map((m) => {
    const gpu = m.spec?.vllm?.gpu.type ?? '';
    return `${m.metadata?.name ?? ''} (${gpu}, ${version(CAPABILITY[gpu] ?? 0)})`;
  });
  return (
    `vLLM's ${spec.method} kernels need compute capability ${version(needed)} or newer, which ` +
    `these InferenceModels' GPUs lack: ${listed.join(', ')}; use another method or GPU type.`
  );
}
