import type { KubernetesObject } from '@kubernetes/client-node';
import { keyOf } from './object-key.js';

export interface OwnerType {
  /** e.g. `sluice.dev` ('' for the core group); any version matches. */
  readonly group: string;
  readonly kind: string;
}

const groupOf = (apiVersion: string): string =>
  apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';

/**
 * The work-queue keys of the owners of `child` of the given type (controller-runtime's
 * handler.EnqueueRequestForOwner). Owners live in the child's namespace: ownerReferences cannot
 * cross namespaces.
 */
export function ownerKeys(
  child: KubernetesObject,
  owner: OwnerType,
  onlyController = true,
): string[] {
  const namespace = child.metadata?.namespace ?? '';
  return (child.metadata?.ownerReferences ?? [])
    .filter((ref) => ref.kind === owner.kind && groupOf(ref.apiVersion) === owner.group)
    .filter((ref) => !onlyController || ref.controller === true)
    .map((ref) => keyOf({ namespace, name: ref.name }));
}
