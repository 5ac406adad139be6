// PATCH: apply the patch to the stored object, then write it through the store like an update
// (so conflicts, generation and status rules hold). Server-side apply is simplified to
// create-or-merge-patch: no managedFields, no field ownership conflicts, `force` ignored.
import { notFound } from './errors.js';
import { parseBody } from './http-io.js';
import { jsonPatchApply, mergePatch, strategicMergePatch, type PatchType } from './patch.js';
import type { Store } from './store.js';
import { defaultWriteOptions, type WriteOptions } from './write-options.js';
import type { KubeObject, ResourceType } from './types.js';

export interface Target {
  store: Store;
  t: ResourceType;
  ns: string;
  name: string;
}

const patched = (current: KubeObject, type: PatchType, body: string): KubeObject => {
  if (type === 'json')
    return jsonPatchApply(current, parseBody(body, 'application/json')) as KubeObject;
  const doc = parseBody(body, type === 'apply' ? 'yaml' : 'application/json');
  if (type === 'strategic') return strategicMergePatch(current, doc) as KubeObject;
  return mergePatch(current, doc) as KubeObject;
};

const current = (x: Target): KubeObject | undefined => {
  try {
    return x.store.get(x.t, x.ns, x.name);
  } catch (err) {
    if ((err as { code?: number }).code === 404) return undefined;
    throw err;
  }
};

export const applyPatch = (
  x: Target & { options?: WriteOptions },
  type: PatchType,
  body: string,
  sub: 'status' | undefined,
): { object: KubeObject; created: boolean } => {
  const options = x.options ?? defaultWriteOptions();
  const existing = current(x);
  if (!existing) {
    if (type !== 'apply' || sub) throw notFound(x.t, x.name);
    const applied = parseBody(body, 'yaml') as KubeObject;
    applied.metadata = { ...applied.metadata, name: x.name };
    return { object: x.store.create(x.t, x.ns, applied, options), created: true };
  }
  const next = patched(existing, type, body);
  next.metadata = { ...next.metadata, name: x.name };
  // A patch carries no resourceVersion precondition unless it sets one explicitly.
  next.metadata.resourceVersion ??= existing.metadata.resourceVersion ?? '';
  return { object: x.store.update(x.t, x.ns, next, { subresource: sub, options }), created: false };
};
