import type { JsonValue } from '@bufbuild/protobuf';
import type { FieldViolation } from '../../grpc/sluice-error.js';

// parameters.extra (a google.protobuf.Struct) is passed through to the model server and keyed by
// the cache, so it is walked, hashed and stored per request: bounded like the rest of the request.
// Real sampling parameters (stop lists, logit_bias, response_format schemas) nest a few levels.

/** Levels of objects and lists, the Struct itself being the first. */
export const MAX_EXTRA_DEPTH = 16;
/** Characters of its JSON form. */
export const MAX_EXTRA_JSON = 32_768;

/** How deep `value` nests, stopping once past `limit` (so a hostile value costs little). */
function depthOf(value: JsonValue, limit: number): number {
  if (value === null || typeof value !== 'object') return 0;
  if (limit <= 0) return 1;
  const children = Array.isArray(value) ? value : Object.values(value);
  let deepest = 0;
  for (const child of children) deepest = Math.max(deepest, depthOf(child, limit - 1));
  return 1 + deepest;
}

export function extraViolations(extra: JsonValue | undefined): FieldViolation[] {
  if (extra === undefined) return [];
  const field = 'parameters.extra';
  if (depthOf(extra, MAX_EXTRA_DEPTH) > MAX_EXTRA_DEPTH)
    return [{ field, description: `must nest at most ${MAX_EXTRA_DEPTH} levels` }];
  if (JSON.stringify(extra).length > MAX_EXTRA_JSON)
    return [{ field, description: `must be at most ${MAX_EXTRA_JSON} characters as JSON` }];
  return [];
}
