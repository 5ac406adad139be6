// PATCH bodies by content type. Merge patch is RFC 7386. Strategic merge patch is simplified:
// a merge patch whose lists of objects with a `name` (containers, ports, env, volumes, ...) are
// merged by name, with `$patch`/`$retainKeys`/`$setElementOrder` directives dropped, not obeyed.
import jsonPatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { badRequest } from './errors.js';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386: objects merge recursively, null deletes, anything else replaces. */
export const mergePatch = (target: unknown, patch: unknown): unknown => {
  if (!isObject(patch)) return patch;
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
};

const byName = (list: unknown[]): boolean =>
  list.length > 0 && list.every((e) => isObject(e) && typeof e['name'] === 'string');

const mergeNamedLists = (target: unknown[], patch: unknown[]): unknown[] => {
  const out = [...target];
  for (const p of patch as Array<Record<string, unknown>>) {
    const i = out.findIndex((e) => isObject(e) && e['name'] === p['name']);
    if (i >= 0) out[i] = strategicMergePatch(out[i], p);
    else out.push(strategicMergePatch(undefined, p));
  }
  return out;
};

export const strategicMergePatch = (target: unknown, patch: unknown): unknown => {
  if (Array.isArray(patch) && Array.isArray(target) && byName(patch) && byName(target)) {
    return mergeNamedLists(target, patch);
  }
  if (!isObject(patch)) return patch;
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    if (v === null) delete out[k];
    else out[k] = strategicMergePatch(out[k], v);
  }
  return out;
};

export const jsonPatchApply = (target: unknown, ops: unknown): unknown => {
  if (!Array.isArray(ops)) throw badRequest('json patch must be an array of operations');
  try {
    return jsonPatch.applyPatch(structuredClone(target), ops as Operation[], true, false)
      .newDocument;
  } catch (err) {
    throw badRequest(
      `the server rejected our request due to an error in our request: ${String(err)}`,
    );
  }
};

export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

export const patchTypeOf = (contentType: string | undefined): PatchType | undefined => {
  const ct = (contentType ?? '').split(';')[0]?.trim();
  const map: Record<string, PatchType> = {
    'application/merge-patch+json': 'merge',
    'application/json-patch+json': 'json',
    'application/strategic-merge-patch+json': 'strategic',
    'application/apply-patch+yaml': 'apply',
    'application/apply-patch+cbor': 'apply',
  };
  return ct ? map[ct] : undefined;
};
