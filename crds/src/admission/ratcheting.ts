// Validation ratcheting on update (CRDValidationRatcheting, on by default since Kubernetes 1.30,
// GA in 1.33): an error inside a part of the object that the update left unchanged is not an
// error. As in kube-openapi's ratcheting validator, "unchanged" is decided at the deepest node on
// the error's path that correlates with the old object: properties and map values by key,
// items of x-kubernetes-list-type: map lists by their keys, other list items not at all.
import { goJson } from './go-format.js';
import { additionalSchema, isJsonObject, type StructuralSchema } from './types.js';

export function deepEqual(a: unknown, b: unknown): boolean {
  return goJson(a) === goJson(b);
}

/** The item of `oldList` with the same map keys as `item`, for map-type lists only. */
export function correlatedItem(
  schema: StructuralSchema | undefined,
  oldList: unknown,
  item: unknown,
): unknown {
  const keys = schema?.['x-kubernetes-list-map-keys'];
  if (schema?.['x-kubernetes-list-type'] !== 'map' || !keys) return undefined;
  if (!Array.isArray(oldList) || !isJsonObject(item)) return undefined;
  return oldList.find((old) => isJsonObject(old) && keys.every((k) => deepEqual(old[k], item[k])));
}

interface Cursor {
  value: unknown;
  old: unknown;
  schema: StructuralSchema | undefined;
}

function step(cursor: Cursor, token: string): Cursor {
  if (Array.isArray(cursor.value)) {
    const value: unknown = cursor.value[Number(token)];
    return {
      value,
      old: correlatedItem(cursor.schema, cursor.old, value),
      schema: cursor.schema?.items,
    };
  }
  const value = isJsonObject(cursor.value) ? cursor.value[token] : undefined;
  const old = isJsonObject(cursor.old) ? cursor.old[token] : undefined;
  const schema = cursor.schema?.properties?.[token] ?? additionalSchema(cursor.schema);
  return { value, old, schema };
}

/** Whether the node at JSON pointer `pointer`, or a correlated ancestor, is unchanged. */
export function isUnchanged(
  schema: StructuralSchema,
  object: unknown,
  oldObject: unknown,
  pointer: string,
): boolean {
  let cursor: Cursor = { value: object, old: oldObject, schema };
  const tokens = pointer === '' ? [] : pointer.slice(1).split('/');
  for (const raw of ['', ...tokens]) {
    if (raw !== '') cursor = step(cursor, raw.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (cursor.old === undefined) return false;
    if (deepEqual(cursor.value, cursor.old)) return true;
  }
  return false;
}
