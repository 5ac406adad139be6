// Pure "patch only what differs". For children, the desired object is compared as a subset of the
// observed one, so fields the API server defaulted or other controllers own never cause a write
// (subsetPatch). For a status this controller alone writes, the patch also removes what is no
// longer desired (mergePatch).

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Deep equality of JSON values; arrays compare whole and in order. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => jsonEqual(a[k], b[k]));
}

/**
 * A JSON merge patch (RFC 7386) carrying only the fields of `desired` whose value differs from
 * `observed`: objects recurse (map keys are merged, so labels and annotations set by others are
 * kept), anything else (including arrays) is replaced whole. `undefined` means no difference.
 */
export function subsetPatch(desired: JsonObject, observed: unknown): JsonObject | undefined {
  const current = isObject(observed) ? observed : {};
  let patch: JsonObject | undefined;
  for (const [key, want] of Object.entries(desired)) {
    const have = current[key];
    const part = isObject(want) && isObject(have) ? subsetPatch(want, have) : differs(want, have);
    if (part !== undefined) (patch ??= {})[key] = part;
  }
  return patch;
}

function differs(want: Json, have: Json | undefined): Json | undefined {
  return jsonEqual(want, have) ? undefined : want;
}

/**
 * The JSON merge patch (RFC 7386) that turns `observed` into `desired`: keys that are new or
 * changed carry their desired value, keys present in `observed` but absent (or undefined) in
 * `desired` carry null so the server removes them, objects recurse, anything else (arrays
 * included) is replaced whole. `undefined` means no difference. A desired null is the same as
 * an absent key: a merge patch cannot set a value to null.
 */
export function mergePatch(desired: JsonObject, observed: unknown): JsonObject | undefined {
  const current = isObject(observed) ? observed : {};
  const keys = new Set([...Object.keys(current), ...Object.keys(desired)]);
  let patch: JsonObject | undefined;
  for (const key of keys) {
    const part = mergePart(desired[key], current[key]);
    if (part !== undefined) (patch ??= {})[key] = part;
  }
  return patch;
}

function mergePart(want: Json | undefined, have: Json | undefined): Json | undefined {
  if (want === undefined || want === null) return have === undefined ? undefined : null;
  if (isObject(want) && isObject(have)) return mergePatch(want, have);
  return differs(want, have);
}
