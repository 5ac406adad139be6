// The Deployment running vLLM's OpenAI-compatible server. spec.replicas is left out on purpose:
// the HPA or ScaledObject owns it, and applying a value would fight the autoscaler.
import type {
  V1Container,
  V1Deployment,
  V1EnvVar,
  V1PodSpec,
  V1Probe,
  V1Volume,
  V1VolumeMount,
} from '@kubernetes/client-node';
import type { InferenceModel } from '@sluice/crds';
import { gpuPlacement, gpuTolerations } from '../sizing/gpu-catalog.js';
import { hfTokenEnv } from './hf-token.js';
import { CONFIG_HASH_ANNOTATION, objectLabels, selectorLabels } from './labels.js';
import {
  HUB_CACHE_PATH,
  MODEL_CACHE_VOLUME,
  waitForModelCache,
  type ModelCache,
} from './model-cache.js';
import { CACHE_MOUNT_PATH } from './model-source.js';
import { ownerReference } from './owner.js';
import { identity, type ResolvedVllm } from '../plan/resolved-spec.js';
import { rolloutStrategy, vllmResources } from './pod-resources.js';
import type { PodStorage } from './source-storage.js';
import { VLLM_PORT } from './vllm-args.js';

export interface DeploymentInput {
  model: InferenceModel;
  vllm: ResolvedVllm;
  args: string[];
  configHash: string;
  /** pvc:// claims and s3:// / gs:// fetchers for the weights and adapters (source-storage.ts). */
  storage: PodStorage;
  /** The model cache holding the weights (model-cache.ts), when the model has one. */
  modelCache?: ModelCache;
}

export function desiredDeployment({
  model,
  vllm,
  args,
  configHash,
  storage,
  modelCache,
}: DeploymentInput): V1Deployment {
  const modelCacheClaim = modelCache?.claimName;
  const { name, namespace } = identity(model);
  const container: V1Container = {
    name: 'vllm',
    image: vllm.image,
    command: ['python3', '-m', 'vllm.entrypoints.openai.api_server'],
    args,
    ports: [{ name: 'http', containerPort: VLLM_PORT, protocol: 'TCP' }],
    env: env(vllm, modelCacheClaim !== undefined),
    resources: vllmResources(vllm),
    volumeMounts: [...BASE_MOUNTS, ...cacheMounts(modelCacheClaim), ...storage.mounts],
    ...probes(),
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace,
      labels: objectLabels(name),
      annotations: { [CONFIG_HASH_ANNOTATION]: configHash },
      ownerReferences: [ownerReference(model)],
    },
    spec: {
      selector: { matchLabels: selectorLabels(name) },
      strategy: rolloutStrategy(vllm),
      // Above the startup probe's window: a replica still loading its weights is progressing,
      // not failed (the default 600 s would mark it Degraded while the probe allows 1800 s).
      progressDeadlineSeconds: PROGRESS_DEADLINE_SECONDS,
      template: {
        // The hash on the template rolls the pods whenever the resolved config changes.
        metadata: {
          labels: objectLabels(name),
          annotations: { [CONFIG_HASH_ANNOTATION]: configHash },
        },
        spec: podSpec(vllm, container, withCache(storage, vllm, modelCache)),
      },
    },
  };
}

const BASE_VOLUMES: V1Volume[] = [
  // vLLM's tensor-parallel workers talk through shared memory; the default 64Mi is too small.
  { name: 'dshm', emptyDir: { medium: 'Memory', sizeLimit: '8Gi' } },
  { name: 'model-cache', emptyDir: {} },
];
const BASE_MOUNTS: V1VolumeMount[] = [
  { name: 'dshm', mountPath: '/dev/shm' },
  { name: 'model-cache', mountPath: CACHE_MOUNT_PATH },
];

function podSpec(vllm: ResolvedVllm, container: V1Container, storage: PodStorage): V1PodSpec {
  const spec: V1PodSpec = {
    containers: [container],
    ...gpuPlacement(vllm.spec.gpu),
    tolerations: gpuTolerations(vllm.spec.gpu),
    volumes: [...BASE_VOLUMES, ...storage.volumes],
    terminationGracePeriodSeconds: 60,
  };
  // Fetchers run before vLLM, so its --lora-modules / --model paths exist when it starts.
  if (storage.initContainers.length > 0) spec.initContainers = storage.initContainers;
  return spec;
}

/** The cache claim, read-only over the hub cache: vLLM finds the snapshot the Job downloaded. */
function cacheMounts(claim: string | undefined): V1VolumeMount[] {
  return claim ? [{ name: MODEL_CACHE_VOLUME, mountPath: HUB_CACHE_PATH, readOnly: true }] : [];
}

function withCache(
  storage: PodStorage,
  vllm: ResolvedVllm,
  cache: ModelCache | undefined,
): PodStorage {
  if (!cache) return storage;
  const claim = { claimName: cache.claimName, readOnly: true };
  return {
    ...storage,
    volumes: [...storage.volumes, { name: MODEL_CACHE_VOLUME, persistentVolumeClaim: claim }],
    initContainers: [waitForModelCache(cache, vllm.image), ...storage.initContainers],
  };
}

function env(vllm: ResolvedVllm, cached: boolean): V1EnvVar[] {
  const vars: V1EnvVar[] = [{ name: 'HF_HOME', value: CACHE_MOUNT_PATH }];
  // The weights are on the claim already; offline, vLLM never tries the Hub (or writes to it).
  if (cached) vars.push({ name: 'HF_HUB_OFFLINE', value: '1' });
  return [...vars, ...hfTokenEnv(vllm.spec.hfTokenSecretRef)];
}

// Up to 30 minutes for download and load before liveness starts counting.
const STARTUP_PERIOD_SECONDS = 10;
const STARTUP_FAILURES = 180;
/** The startup window plus ten minutes for scheduling, image pull and init containers. */
export const PROGRESS_DEADLINE_SECONDS = STARTUP_PERIOD_SECONDS * STARTUP_FAILURES + 600;

/** vLLM answers GET /health once the engine is up; loading weights can take many minutes. */
function probes(): { startupProbe: V1Probe; readinessProbe: V1Probe; livenessProbe: V1Probe } {
  const httpGet = { path: '/health', port: 'http' };
  return {
    startupProbe: {
      httpGet,
      periodSeconds: STARTUP_PERIOD_SECONDS,
      failureThreshold: STARTUP_FAILURES,
      timeoutSeconds: 5,
    },
    readinessProbe: { httpGet, periodSeconds: 5, failureThreshold: 3, timeoutSeconds: 5 },
    livenessProbe: { httpGet, periodSeconds: 15, failureThreshold: 4, timeoutSeconds: 10 },
  };
}
