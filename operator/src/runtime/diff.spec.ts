import { jsonEqual, mergePatch, subsetPatch, type JsonObject } from './diff.js';

describe('jsonEqual', () => {
  it.each([
    [1, 1, true],
    ['a', 'b', false],
    [null, null, true],
    [null, {}, false],
    [[1, 2], [1, 2], true],
    [[1, 2], [2, 1], false],
    [[1], [1, 1], false],
    [{ a: 1, b: [{ c: 2 }] }, { b: [{ c: 2 }], a: 1 }, true],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [{ a: 1 }, [1], false],
  ])('%j vs %j -> %s', (a, b, expected) => {
    expect(jsonEqual(a, b)).toBe(expected);
  });
});

describe('subsetPatch', () => {
  it.each([
    ['equal objects', { a: 1 }, { a: 1 }, undefined],
    ['extra observed fields (server defaults)', { a: 1 }, { a: 1, b: 2 }, undefined],
    ['a changed scalar', { a: 1, b: 2 }, { a: 1, b: 3 }, { b: 2 }],
    ['a missing field', { a: { b: 1 } }, {}, { a: { b: 1 } }],
    [
      'nested changes only',
      { s: { x: 1, y: { z: 2 } } },
      { s: { x: 1, y: { z: 3, w: 0 } } },
      { s: { y: { z: 2 } } },
    ],
    ['arrays whole', { l: [1, 2] }, { l: [1, 2, 3] }, { l: [1, 2] }],
    ['equal arrays of objects', { l: [{ a: 1 }] }, { l: [{ a: 1 }] }, undefined],
    ['object replacing a scalar', { a: { b: 1 } }, { a: 'x' }, { a: { b: 1 } }],
    ['null wanted', { a: null }, { a: 1 }, { a: null }],
    ['observed not an object', { a: 1 }, undefined, { a: 1 }],
    ['empty desired object', { a: {} }, { a: { b: 1 } }, undefined],
  ])('%s', (_name, desired, observed, expected) => {
    expect(subsetPatch(desired, observed)).toEqual(expected);
  });
});

describe('mergePatch (RFC 7386)', () => {
  it.each<[string, JsonObject, unknown, JsonObject | undefined]>([
    ['equal objects', { a: 1, b: { c: [1] } }, { b: { c: [1] }, a: 1 }, undefined],
    ['a changed scalar', { a: 1, b: 2 }, { a: 1, b: 3 }, { b: 2 }],
    ['a new key', { a: 1, b: 2 }, { a: 1 }, { b: 2 }],
    ['a removed key', { a: 1 }, { a: 1, fineTune: { phase: 'Running' } }, { fineTune: null }],
    ['a removed nested key', { s: { x: 1 } }, { s: { x: 1, y: 2 } }, { s: { y: null } }],
    [
      'an undefined key counts as absent',
      { a: 1, b: undefined } as unknown as JsonObject,
      { a: 1, b: 2 },
      { b: null },
    ],
    [
      'an undefined key already absent',
      { a: 1, b: undefined } as unknown as JsonObject,
      { a: 1 },
      undefined,
    ],
    ['a null wanted removes', { a: null }, { a: 1 }, { a: null }],
    ['a null wanted, already absent', { a: null }, {}, undefined],
    [
      'arrays replaced whole',
      { l: [{ t: 'Ready' }] },
      { l: [{ t: 'Ready' }, { t: 'Old' }] },
      { l: [{ t: 'Ready' }] },
    ],
    ['an object replacing a scalar', { a: { b: 1 } }, { a: 'x' }, { a: { b: 1 } }],
    ['a scalar replacing an object', { a: 'x' }, { a: { b: 1 } }, { a: 'x' }],
    ['an empty object emptied', { a: {} }, { a: { b: 1, c: 2 } }, { a: { b: null, c: null } }],
    ['observed not an object', { a: 1 }, undefined, { a: 1 }],
    ['everything removed', {}, { a: 1, b: { c: 2 } }, { a: null, b: null }],
  ])('%s', (_name, desired, observed, expected) => {
    expect(mergePatch(desired, observed)).toEqual(expected);
  });

  // RFC 7386's MergePatch applied to `observed` must give back `desired` (minus nulls/undefined).
  const apply = (target: unknown, patch: unknown): unknown => {
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
    const base =
      typeof target === 'object' && target !== null && !Array.isArray(target)
        ? { ...(target as JsonObject) }
        : {};
    for (const [key, value] of Object.entries(patch as JsonObject)) {
      if (value === null) delete base[key];
      else base[key] = apply(base[key], value) as JsonObject[string];
    }
    return base;
  };

  it.each<[JsonObject, JsonObject]>([
    [
      { phase: 'Ready', conditions: [{ type: 'Ready' }] },
      { phase: 'Pending', fineTune: { job: 'j' } },
    ],
    [{ a: { b: { c: 1 } } }, { a: { b: { c: 2, d: 3 }, e: 4 }, f: 5 }],
    [{}, { a: [1], b: 'x' }],
    [{ a: [1, 2], b: { c: 'y' } }, {}],
  ])('reaches %j from %j by applying the patch', (desired, observed) => {
    expect(apply(observed, mergePatch(desired, observed) ?? {})).toEqual(desired);
  });
});
