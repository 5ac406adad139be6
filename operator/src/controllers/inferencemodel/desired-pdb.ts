// The PodDisruptionBudget that keeps node drains from taking every replica at once.
import type { V1PodDisruptionBudget } from '@kubernetes/client-node';
import type { InferenceModel } from '@sluice/crds';
import { objectLabels, selectorLabels } from './labels.js';
import { ownerReference } from './owner.js';
import { identity } from './resolved-spec.js';

/**
 * At most one replica voluntarily evicted at a time. maxUnavailable rather than minAvailable: with
 * one replica, minAvailable 1 would block node drains forever.
 */
export function desiredPodDisruptionBudget(model: InferenceModel): V1PodDisruptionBudget {
  const { name, namespace } = identity(model);
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: {
      name,
      namespace,
      labels: objectLabels(name),
      ownerReferences: [ownerReference(model)],
    },
    spec: { maxUnavailable: 1, selector: { matchLabels: selectorLabels(name) } },
  };
}
