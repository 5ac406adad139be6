// Fluent-enough fixtures for the profile planner's tests: profile('awq', 4, 'fp8'), model('a', 'p').
import type { InferenceModel, QuantizationProfile, QuantizationProfileSpec } from '@sluice/crds';

export function profile(
  method: QuantizationProfileSpec['method'],
  weightBits: QuantizationProfileSpec['weightBits'],
  kvCacheDtype: QuantizationProfileSpec['kvCacheDtype'] = 'auto',
  extra: Partial<QuantizationProfileSpec> = {},
): QuantizationProfile {
  return {
    apiVersion: 'sluice.dev/v1alpha1',
    kind: 'QuantizationProfile',
    metadata: { name: 'p', namespace: 'ns', generation: 3 },
    spec: { method, weightBits, kvCacheDtype, ...extra },
  };
}

/** A vllm InferenceModel `name` on `gpu` that references profile `ref` (none when undefined). */
export function model(name: string, ref?: string, gpu = 'nvidia-l4', ns = 'ns'): InferenceModel {
  const m: InferenceModel = {
    apiVersion: 'sluice.dev/v1alpha1',
    kind: 'InferenceModel',
    metadata: { name, namespace: ns },
    spec: {
      provider: 'vllm',
      tier: 'small',
      vllm: {
        model: 'meta-llama/Llama-3.1-8B-Instruct',
        gpu: { type: gpu },
        ...(ref ? { quantizationProfileRef: { name: ref } } : {}),
      },
    },
  };
  return m;
}
