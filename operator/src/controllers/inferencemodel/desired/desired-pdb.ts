// The PodDisruptionBudget that keeps node drains from taking every replica at once.
import type { V1PodDisruptionBudget } from '@kubernetes/client-node';
import type { InferenceModel } from '@sluice/crds';
import { selectorLabels } from './labels.js';
import { childMetadata } from './owner.js';
import { identity } from '../plan/resolved-spec.js';

/**
 * At most one replica voluntarily evicted at a time. maxUnavailable rather than minAvailable: with
 * one replica, minAvailable 1 would block node drains forever.
 */
export function desiredPodDisruptionBudget(model: InferenceModel): V1PodDisruptionBudget {
  const { name } = identity(model);
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: childMetadata(model),
    spec: { maxUnavailable: 1, selector: { matchLabels: selectorLabels(name) } },
  };
}
