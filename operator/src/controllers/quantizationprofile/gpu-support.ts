// The one combination the CRD cannot reject and vLLM does: a method its kernels do not support
// on the GPU of a model using the profile (fp8 on a T4). Which method runs where is decided in
// ../inferencemodel/sizing/quantization-support.ts, which also blocks those models (Ready=False
// QuantizationUnsupportedOnGPU): the profile and its models cannot disagree. Method widths and
// KV-cache dtypes (all four are valid vLLM --kv-cache-dtype values) are enforced by the CRD.
import type { InferenceModel, QuantizationProfileSpec } from '@sluice/crds';
import { capabilityText } from '../inferencemodel/sizing/gpu-catalog.js';
import {
  neededText,
  unsupportedQuantization,
} from '../inferencemodel/sizing/quantization-support.js';

/** A message naming the models whose GPU cannot run the method; undefined when all can. */
export function unsupportedGpus(
  spec: QuantizationProfileSpec,
  models: readonly InferenceModel[],
): string | undefined {
  const failing = models.flatMap((m) => {
    const gpu = m.spec?.vllm?.gpu.type ?? '';
    const unsupported = unsupportedQuantization(spec.method, gpu, spec.weightBits);
    return unsupported ? [{ name: m.metadata?.name ?? '', gpu, unsupported }] : [];
  });
  const first = failing[0];
  if (first === undefined) return undefined;
  const listed = failing.map(
    (f) => `${f.name} (${f.gpu}, ${capabilityText(f.unsupported.capability)})`,
  );
  return (
    `${neededText(first.unsupported)}, which these InferenceModels' GPUs lack: ` +
    `${listed.join(', ')}; use another method or GPU type. Those models are not Ready ` +
    '(QuantizationUnsupportedOnGPU) and are not rolled out with this profile.'
  );
}
