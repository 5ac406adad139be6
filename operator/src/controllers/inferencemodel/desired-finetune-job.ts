// The fine-tune batch/v1 Job: one per distinct training spec, named <model>-ft-<hash8>, so a
// changed spec starts a new Job while an unchanged one is never re-run. The trainer image's
// contract is its command-line flags below (and HF_TOKEN for gated base models).
import type { V1Job } from '@kubernetes/client-node';
import type { InferenceModel, InferenceModelSpec } from '@sluice/crds';
import { configHash } from './config-hash.js';
import { gpuNodeSelector, gpuTolerations } from './gpu-catalog.js';
import { FINETUNE_HASH_LABEL, objectLabels } from './labels.js';
import { ownerReference } from './owner.js';
import { identity } from './resolved-spec.js';

type FineTune = NonNullable<InferenceModelSpec['fineTune']>;
type VllmSpec = NonNullable<InferenceModelSpec['vllm']>;

/** The training inputs with defaults applied: only these change the hash. */
export function resolvedFineTune(fineTune: FineTune, vllm: VllmSpec) {
  const h = fineTune.hyperparameters ?? {};
  return {
    baseModel: fineTune.baseModel ?? vllm.model,
    datasetURI: fineTune.datasetURI,
    method: fineTune.method ?? 'lora',
    epochs: h.epochs ?? 3,
    learningRate: h.learningRate ?? '2e-4',
    loraRank: h.loraRank ?? 16,
    loraAlpha: h.loraAlpha ?? 32,
    batchSize: h.batchSize ?? 8,
    trainerImage: fineTune.trainerImage,
    outputURI: fineTune.outputURI,
  };
}

export function fineTuneHash(fineTune: FineTune, vllm: VllmSpec): string {
  return configHash(resolvedFineTune(fineTune, vllm));
}

export function fineTuneJobName(model: string, hash: string): string {
  // Job names are DNS labels (63); the pods' job-name label is limited the same way.
  return `${model.slice(0, 63 - 12)}-ft-${hash.slice(0, 8)}`;
}

export function desiredFineTuneJob(
  model: InferenceModel,
  fineTune: FineTune,
  vllm: VllmSpec,
): V1Job {
  const { name, namespace } = identity(model);
  const ft = resolvedFineTune(fineTune, vllm);
  const hash = configHash(ft);
  const labels = { ...objectLabels(name, 'finetune'), [FINETUNE_HASH_LABEL]: hash.slice(0, 63) };
  const token = vllm.hfTokenSecretRef;
  const env = token
    ? [
        {
          name: 'HF_TOKEN',
          valueFrom: { secretKeyRef: { name: token.name, key: token.key ?? 'token' } },
        },
      ]
    : [];
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: fineTuneJobName(name, hash),
      namespace,
      labels,
      ownerReferences: [ownerReference(model)],
    },
    spec: {
      backoffLimit: 2,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'trainer',
              image: ft.trainerImage,
              args: trainerArgs(ft),
              env,
              resources: { limits: { [vllm.gpu.resourceName ?? 'nvidia.com/gpu']: '1' } },
              volumeMounts: [{ name: 'dshm', mountPath: '/dev/shm' }],
            },
          ],
          volumes: [{ name: 'dshm', emptyDir: { medium: 'Memory', sizeLimit: '8Gi' } }],
          nodeSelector: gpuNodeSelector(vllm.gpu),
          tolerations: gpuTolerations(vllm.gpu),
        },
      },
    },
  };
}

function trainerArgs(ft: ReturnType<typeof resolvedFineTune>): string[] {
  return [
    ...['--base-model', ft.baseModel, '--dataset', ft.datasetURI, '--method', ft.method],
    ...['--epochs', String(ft.epochs), '--learning-rate', ft.learningRate],
    ...['--lora-rank', String(ft.loraRank), '--lora-alpha', String(ft.loraAlpha)],
    ...['--batch-size', String(ft.batchSize), '--output', ft.outputURI],
  ];
}
