// HF_TOKEN from the Secret spec.vllm.hfTokenSecretRef names: every container that reads gated
// Hugging Face repositories (vLLM, the download Job, the trainer) takes it the same way.
import type { V1EnvVar } from '@kubernetes/client-node';
import type { InferenceModelSpec } from '@sluice/crds';

type TokenRef = NonNullable<InferenceModelSpec['vllm']>['hfTokenSecretRef'];

/** [] without a reference. */
export function hfTokenEnv(ref: TokenRef): V1EnvVar[] {
  if (!ref) return [];
  return [
    { name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: ref.name, key: ref.key ?? 'token' } } },
  ];
}
