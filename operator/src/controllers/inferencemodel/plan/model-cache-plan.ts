// The model-cache part of a plan: the claim and its download Job, and whether the weights are
// there. The Deployment is applied at once; its pods wait in an init container until the Job's
// marker is on the claim (model-cache.ts), so `sluice render` and a rollout look the same as
// without a cache, and ModelCached says why replicas are not ready yet.
import type { InferenceModel, QuantizationProfileSpec } from '@sluice/crds';
import { modelCache, type ModelCache } from '../desired/model-cache.js';
import type { ObservedJob } from '../observe/observed.js';
import { draft, type ConditionDraft } from '../status/conditions.js';
import type { ResolvedVllm } from './resolved-spec.js';

type Problem = { reason: string; message: string };

export interface ModelCachePlan {
  cache: ModelCache;
  /** The ModelCached condition. */
  condition: ConditionDraft;
  /** The download Job succeeded. */
  downloaded: boolean;
  /** The Job gave up: Degraded, with the Job controller's reason. */
  failed?: Problem;
}

export function planModelCache(
  model: InferenceModel,
  vllm: ResolvedVllm,
  profile: QuantizationProfileSpec | undefined,
  jobs: readonly ObservedJob[],
): ModelCachePlan | undefined {
  const cache = modelCache(model, vllm, profile);
  if (!cache) return undefined;
  const seen = jobs.find((j) => j.name === cache.jobName);
  const where = `${vllm.spec.model} into PersistentVolumeClaim ${cache.claimName}`;
  if (seen?.phase === 'Succeeded') {
    const message = `Job ${cache.jobName} downloaded ${where}.`;
    return {
      cache,
      downloaded: true,
      condition: draft('ModelCached', 'True', 'Downloaded', message),
    };
  }
  if (seen?.phase === 'Failed') {
    const why = seen.failure ? `${seen.failure.reason}: ${seen.failure.message}` : 'it failed';
    const message =
      `Job ${cache.jobName} could not download ${where} (${why}); check the model id, ` +
      'spec.vllm.hfTokenSecretRef for gated models, and the claim (kubectl describe pvc). ' +
      'Delete the Job to retry.';
    return {
      cache,
      downloaded: false,
      condition: draft('ModelCached', 'False', 'DownloadFailed', message),
      failed: { reason: 'ModelDownloadFailed', message },
    };
  }
  const message =
    `Job ${cache.jobName} is downloading ${where}; vLLM pods wait for it in their ` +
    'wait-for-model-cache init container.';
  return {
    cache,
    downloaded: false,
    condition: draft('ModelCached', 'False', 'Downloading', message),
  };
}
