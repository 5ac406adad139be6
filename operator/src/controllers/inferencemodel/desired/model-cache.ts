// The model cache: a PersistentVolumeClaim per model that a download Job fills once with the
// Hugging Face snapshot, mounted read-only into every vLLM replica (like KubeAI's cache profiles),
// so a new pod loads weights from the volume instead of downloading ~2 bytes per parameter again.
// Only for Hugging Face ids: pvc:// weights are local already, s3:// ones stream.
import type {
  V1Container,
  V1Job,
  V1ObjectMeta,
  V1PersistentVolumeClaim,
} from '@kubernetes/client-node';
import type { InferenceModel, QuantizationProfileSpec } from '@sluice/crds';
import { configHash } from '../plan/config-hash.js';
import type { ResolvedVllm } from '../plan/resolved-spec.js';
import { architectureFor } from '../sizing/model-families.js';
import { hfTokenEnv } from './hf-token.js';
import { objectLabels } from './labels.js';
import { CACHE_MOUNT_PATH, locate } from './model-source.js';
import { childMetadata } from './owner.js';
import { streamed } from './vllm-args.js';

/** Where the download Job mounts the claim read-write; it is its HF_HUB_CACHE. */
const JOB_MOUNT_PATH = '/model-cache';
/** Where vLLM mounts it read-only: the hub cache under its HF_HOME, which stays writable. */
export const HUB_CACHE_PATH = `${CACHE_MOUNT_PATH}/hub`;
const UNKNOWN_SIZE = '200Gi';

export interface ModelCache {
  claimName: string;
  jobName: string;
  claim: V1PersistentVolumeClaim;
  job: V1Job;
}

export const modelCacheClaimName = (model: string): string => `${model}-model-cache`;

/** One Job per model id: a changed model downloads anew, an unchanged one never. */
export function modelCacheJobName(model: string, source: string): string {
  // Job names are DNS labels (63); the pods' job-name label is limited the same way.
  return `${model.slice(0, 63 - 15)}-cache-${configHash(source).slice(0, 8)}`;
}

/** undefined when the weights need no cache: emptyDir asked for, pvc:// or streamed sources. */
export function modelCache(
  model: InferenceModel,
  vllm: ResolvedVllm,
  profile: QuantizationProfileSpec | undefined,
): ModelCache | undefined {
  const settings = vllm.spec.modelCache ?? {};
  const source = vllm.spec.model;
  if ((settings.type ?? 'pvc') !== 'pvc') return undefined;
  if (locate(source).kind !== 'remote' || streamed(source, profile)) return undefined;
  const metadata = childMetadata(model);
  const claimName = modelCacheClaimName(metadata.name);
  const labels = objectLabels(metadata.name, 'model-cache');
  const claim: V1PersistentVolumeClaim = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { ...metadata, name: claimName, labels },
    spec: {
      accessModes: [settings.accessMode ?? 'ReadWriteMany'],
      resources: { requests: { storage: settings.size ?? checkpointSize(vllm) } },
      ...(settings.storageClassName ? { storageClassName: settings.storageClassName } : {}),
    },
  };
  const jobName = modelCacheJobName(metadata.name, source);
  return {
    claimName,
    jobName,
    claim,
    job: downloadJob(vllm, { ...metadata, name: jobName, labels }, claimName),
  };
}

/** Written by the Job once the snapshot is complete; what the vLLM pods' init container waits for. */
const markerPath = (root: string, jobName: string): string =>
  `${root}/.sluice-downloaded-${jobName}`;

const DOWNLOAD_SCRIPT = [
  'import os',
  'from huggingface_hub import snapshot_download',
  'snapshot_download(os.environ["MODEL_ID"])',
  'open(os.environ["MARKER"], "w").close()',
].join('\n');

/**
 * The vLLM pod's init container: waits until the download Job's marker is on the claim, so vLLM
 * never starts on a half-filled, read-only cache (it would fail offline). A failed Job leaves
 * pods waiting here; ModelCached and Degraded say why.
 */
export function waitForModelCache(cache: ModelCache, image: string): V1Container {
  const marker = markerPath(HUB_CACHE_PATH, cache.jobName);
  return {
    name: 'wait-for-model-cache',
    image,
    command: ['sh', '-c', `until [ -f "$MARKER" ]; do sleep 5; done`],
    env: [{ name: 'MARKER', value: marker }],
    resources: { requests: { cpu: '10m', memory: '16Mi' } },
    volumeMounts: [{ name: MODEL_CACHE_VOLUME, mountPath: HUB_CACHE_PATH, readOnly: true }],
  };
}

/** The claim as the vLLM pod mounts it. */
export const MODEL_CACHE_VOLUME = 'model-cache-claim';

/** The checkpoint at 16 bits per parameter, plus 20% and 10Gi (tokenizer, configs, formats). */
export function checkpointSize(vllm: ResolvedVllm): string {
  const { arch } = architectureFor(vllm.spec);
  if (!arch) return UNKNOWN_SIZE;
  const gib = (arch.paramsM * 1e6 * 2 * 1.2) / 2 ** 30;
  return `${Math.ceil(gib) + 10}Gi`;
}

/**
 * huggingface_hub's snapshot_download, from the vLLM image itself (it ships the library), into
 * the hub cache layout on the claim. A re-run skips the files already there. No GPU, no GPU node.
 */
function downloadJob(vllm: ResolvedVllm, metadata: V1ObjectMeta, claimName: string): V1Job {
  const env = [
    { name: 'HF_HUB_CACHE', value: JOB_MOUNT_PATH },
    { name: 'MODEL_ID', value: vllm.spec.model },
    { name: 'MARKER', value: markerPath(JOB_MOUNT_PATH, metadata.name ?? '') },
    ...hfTokenEnv(vllm.spec.hfTokenSecretRef),
  ];
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata,
    spec: {
      backoffLimit: 3,
      template: {
        metadata: { labels: metadata.labels ?? {} },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'download',
              image: vllm.image,
              command: ['python3', '-c'],
              args: [DOWNLOAD_SCRIPT],
              env,
              resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { memory: '4Gi' } },
              volumeMounts: [{ name: 'model-cache', mountPath: JOB_MOUNT_PATH }],
            },
          ],
          volumes: [{ name: 'model-cache', persistentVolumeClaim: { claimName } }],
        },
      },
    },
  };
}
