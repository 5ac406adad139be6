// The owner reference every child carries, so deleting the InferenceModel deletes them
// (garbage collection) and the controller can find its children.
import type { V1ObjectMeta, V1OwnerReference } from '@kubernetes/client-node';
import { API_VERSION, type InferenceModel } from '@sluice/crds';
import { objectLabels } from './labels.js';
import { identity } from '../plan/resolved-spec.js';

export function ownerReference(model: InferenceModel): V1OwnerReference {
  return {
    apiVersion: API_VERSION,
    kind: 'InferenceModel',
    name: model.metadata?.name ?? '',
    uid: model.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** Metadata of a child named after its model: same name and namespace, labels, owner. */
export function childMetadata(
  model: InferenceModel,
): V1ObjectMeta & { name: string; namespace: string } {
  const { name, namespace } = identity(model);
  return { name, namespace, labels: objectLabels(name), ownerReferences: [ownerReference(model)] };
}
