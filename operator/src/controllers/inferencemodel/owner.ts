// The owner reference every child carries, so deleting the InferenceModel deletes them
// (garbage collection) and the controller can find its children.
import type { V1OwnerReference } from '@kubernetes/client-node';
import { API_VERSION, type InferenceModel } from '@sluice/crds';

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
