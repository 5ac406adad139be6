import type { JsonObject, JsonValue } from '@bufbuild/protobuf';
import { extraViolations, MAX_EXTRA_DEPTH, MAX_EXTRA_JSON } from './extra-bounds.js';

/** An object nested `levels` deep: { a: { a: ... 1 } }. */
function nested(levels: number): JsonObject {
  let value: JsonValue = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value as JsonObject;
}

describe('extraViolations', () => {
  it.each([
    ['absent', undefined, []],
    ['flat', { stop: ['\n'], seed: 3 }, []],
    ['at the depth bound', nested(MAX_EXTRA_DEPTH), []],
    ['lists count as levels', { a: [[[1]]] }, []],
    [
      'one level past it',
      nested(MAX_EXTRA_DEPTH + 1),
      [`must nest at most ${MAX_EXTRA_DEPTH} levels`],
    ],
    ['50 deep', nested(50), [`must nest at most ${MAX_EXTRA_DEPTH} levels`]],
    ['10,000 deep', nested(10_000), [`must nest at most ${MAX_EXTRA_DEPTH} levels`]],
    [
      'too large',
      { s: 'x'.repeat(MAX_EXTRA_JSON) },
      [`must be at most ${MAX_EXTRA_JSON} characters as JSON`],
    ],
  ])('%s', (_, extra, descriptions) => {
    const violations = extraViolations(extra);
    expect(violations.map((v) => v.description)).toEqual(descriptions);
    expect(violations.every((v) => v.field === 'parameters.extra')).toBe(true);
  });
});
