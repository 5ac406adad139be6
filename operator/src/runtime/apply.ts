import {
  PatchStrategy,
  setHeaderOptions,
  type CustomObjectsApi,
  type KubernetesObject,
  type KubernetesObjectApi,
} from '@kubernetes/client-node';
import { mergePatch, subsetPatch, type JsonObject } from './diff.js';

export const FIELD_MANAGER = 'sluice-operator';

/** The metadata fields a controller owns on its objects; the rest is the server's. */
const OWNED_METADATA = ['labels', 'annotations', 'ownerReferences', 'finalizers'] as const;

export type ApplyPlan =
  | { readonly action: 'create' }
  | { readonly action: 'none' }
  | { readonly action: 'patch'; readonly patch: JsonObject };

/**
 * Decides how to make `observed` look like `desired`: create it, leave it, or merge-patch only
 * the fields of `desired` that differ. Status is not compared (see updateStatus), nor server-set
 * metadata (uid, resourceVersion, generation, ...).
 */
export function diffForApply(desired: KubernetesObject, observed: unknown): ApplyPlan {
  if (observed === undefined || observed === null) return { action: 'create' };
  const patch = subsetPatch(comparable(desired), comparable(observed));
  return patch ? { action: 'patch', patch } : { action: 'none' };
}

/** Fields compared: everything but apiVersion, kind, status and server-set metadata. */
const SKIPPED = new Set(['apiVersion', 'kind', 'metadata', 'status']);

function comparable(object: unknown): JsonObject {
  const fields = Object.entries(object as JsonObject).filter(([key]) => !SKIPPED.has(key));
  const meta = ((object as JsonObject).metadata ?? {}) as JsonObject;
  const owned = OWNED_METADATA.filter((field) => meta[field] !== undefined).map(
    (field) => [field, meta[field]] as const,
  );
  return { ...Object.fromEntries(fields), metadata: Object.fromEntries(owned) } as JsonObject;
}

export type ApplyResult<T> = { readonly action: ApplyPlan['action']; readonly object: T };

/** Creates `desired`, or merge-patches what differs, or does nothing (no request at all). */
export async function applyObject<T extends KubernetesObject>(
  client: KubernetesObjectApi,
  desired: T,
  observed: T | undefined,
): Promise<ApplyResult<T>> {
  const plan = diffForApply(desired, observed);
  if (plan.action === 'create')
    return {
      action: 'create',
      object: await client.create(desired, undefined, undefined, FIELD_MANAGER),
    };
  if (plan.action === 'none') return { action: 'none', object: observed as T };
  const body = {
    ...plan.patch,
    apiVersion: desired.apiVersion,
    kind: desired.kind,
    metadata: { ...(plan.patch.metadata as JsonObject), ...identity(desired) },
  } as KubernetesObject as T;
  const object = await client.patch(
    body,
    undefined,
    undefined,
    FIELD_MANAGER,
    undefined,
    PatchStrategy.MergePatch,
  );
  return { action: 'patch', object };
}

function identity(object: KubernetesObject): JsonObject {
  const { name = '', namespace } = object.metadata ?? {};
  return namespace === undefined ? { name } : { name, namespace };
}

/** Where a custom resource lives, for its /status subresource. */
export interface CustomResource {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
}

/**
 * Writes `status` to the status subresource only when it differs from the observed status
 * (lws: `if (!changed) return`), as the RFC 7386 merge patch from the observed status to `status`:
 * only what changed is sent, and fields `status` no longer has are sent as null, so the server
 * removes them (a plain merge patch of the whole status would keep them). Returns whether it wrote.
 */
export async function updateStatus(
  client: CustomObjectsApi,
  resource: CustomResource,
  observed: KubernetesObject & { status?: unknown },
  status: JsonObject,
): Promise<boolean> {
  const patch = mergePatch(status, observed.status);
  if (!patch) return false;
  const { name = '', namespace = '' } = observed.metadata ?? {};
  const body = { status: patch };
  const options = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
  const common = { ...resource, name, body, fieldManager: FIELD_MANAGER };
  if (namespace) await client.patchNamespacedCustomObjectStatus({ ...common, namespace }, options);
  else await client.patchClusterCustomObjectStatus(common, options);
  return true;
}
