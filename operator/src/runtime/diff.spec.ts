import { jsonEqual, subsetPatch } from './diff.js';

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
