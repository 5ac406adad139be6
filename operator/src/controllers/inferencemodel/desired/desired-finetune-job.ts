// The fine-tune batch/v1 Job: one per distinct training spec, named <model>-ft-<hash8>, so a
// changed spec starts a new Job while an unchanged one is never re-run. The trainer image's
// contract is its command-line flags below (and HF_TOKEN for gated base models).
// pvc:// inputs are mounted read-only and a pvc:// output read-write, and passed as local paths;
// s3://, gs:// and https:// ones are passed as URIs: the trainer reads the dataset and uploads
// its output itself, with the pod's identity (IRSA, Workload Identity), as vLLM's fetchers do.
import type { V1Job } from '@kubernetes/client-node';
import type { InferenceModel, InferenceModelSpec } from '@sluice/crds';
import { configHash } from '../plan/config-hash.js';
import { gpuPlacement, gpuTolerations } from '../sizing/gpu-catalog.js';
import { hfTokenEnv } from './hf-token.js';
import { FINETUNE_HASH_LABEL, objectLabels } from './labels.js';
import { locate } from './model-source.js';
import { ownerReference } from './owner.js';
import { identity } from '../plan/resolved-spec.js';
import { podStorage } from './source-storage.js';

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
  const storage = claimStorage(ft);
  const labels = { ...objectLabels(name, 'finetune'), [FINETUNE_HASH_LABEL]: hash.slice(0, 63) };
  const env = hfTokenEnv(vllm.hfTokenSecretRef);
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
              volumeMounts: [{ name: 'dshm', mountPath: '/dev/shm' }, ...storage.mounts],
            },
          ],
          volumes: [
            { name: 'dshm', emptyDir: { medium: 'Memory', sizeLimit: '8Gi' } },
            ...storage.volumes,
          ],
          ...gpuPlacement(vllm.gpu),
          tolerations: gpuTolerations(vllm.gpu),
        },
      },
    },
  };
}

type Resolved = ReturnType<typeof resolvedFineTune>;

/** The claims of pvc:// inputs (read-only) and output (read-write); no fetchers. */
function claimStorage(ft: Resolved) {
  const uris = [ft.baseModel, ft.datasetURI, ft.outputURI];
  const claims = uris.map(locate).filter((l) => l.kind === 'pvc');
  const output = locate(ft.outputURI);
  return podStorage(claims, new Set(output.kind === 'pvc' ? [output.claim] : []));
}

/** A pvc:// URI as its mounted path; any other URI as it is. */
function local(uri: string): string {
  const location = locate(uri);
  return location.kind === 'pvc' ? location.local : uri;
}

function trainerArgs(ft: Resolved): string[] {
  return [
    ...['--base-model', local(ft.baseModel), '--dataset', local(ft.datasetURI)],
    ...['--method', ft.method, '--epochs', String(ft.epochs), '--learning-rate', ft.learningRate],
    ...['--lora-rank', String(ft.loraRank), '--lora-alpha', String(ft.loraAlpha)],
    ...['--batch-size', String(ft.batchSize), '--output', local(ft.outputURI)],
  ];
}
