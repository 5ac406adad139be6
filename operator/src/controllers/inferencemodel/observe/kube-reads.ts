// What the reconciler does outside the informer caches: the GET of an external provider's API-key
// Secret (Secrets are not cached), and deleting obsolete children we own.
import {
  ApiException,
  type KubernetesObject,
  type KubernetesObjectApi,
} from '@kubernetes/client-node';
import type { ObjectRef } from '../plan/plan-types.js';

/** A 404, or a kind the cluster does not serve (discovery 404s too): the object is absent. */
function isNotFound(error: unknown): boolean {
  if (error instanceof ApiException) return error.code === 404;
  return error instanceof Error && error.message.startsWith('Unrecognized API version and kind');
}

/** GET of one object; undefined when it (or its kind) does not exist. */
export async function readOptional<T extends KubernetesObject>(
  client: KubernetesObjectApi,
  ref: ObjectRef,
): Promise<T | undefined> {
  const { apiVersion, kind, namespace, name } = ref;
  try {
    const object: KubernetesObject = await client.read({
      apiVersion,
      kind,
      metadata: { name, namespace },
    });
    return object as T;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * Deletes `observed` (as the cache shows it) only if `ownerUid` controls it, never a user's own
 * object of the same name. Gone already (the cache lagged): nothing to do.
 */
export async function deleteOwned(
  client: KubernetesObjectApi,
  observed: KubernetesObject,
  ownerUid: string,
): Promise<boolean> {
  const owned = observed.metadata?.ownerReferences?.some((o) => o.uid === ownerUid && o.controller);
  if (!owned) return false;
  try {
    await client.delete(observed);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

export function refOf(object: KubernetesObject): ObjectRef {
  return {
    apiVersion: object.apiVersion ?? '',
    kind: object.kind ?? '',
    namespace: object.metadata?.namespace ?? '',
    name: object.metadata?.name ?? '',
  };
}
