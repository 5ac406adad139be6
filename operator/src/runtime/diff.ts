// Pure "patch only what differs": the desired object is compared as a subset of the observed one,
// so fields the API server defaulted or other controllers own never cause a write.

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
