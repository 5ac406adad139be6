import { caught } from '../../test/support/caught.js';
import { jsonPatchApply, mergePatch, patchTypeOf, strategicMergePatch } from './patch.js';

describe('mergePatch (RFC 7386 appendix A)', () => {
  it.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [
      ['a', 'b'],
      ['c', 'd'],
      ['c', 'd'],
    ],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('%j + %j = %j', (target, patch, expected) => {
    expect(mergePatch(target, patch)).toEqual(expected);
  });
});

describe('strategicMergePatch (simplified)', () => {
  it('merges lists of named objects by name and drops directives', () => {
    const target = { containers: [{ name: 'a', image: 'x', env: [{ name: 'A', value: '1' }] }] };
    const patch = {
      $setElementOrder: [{ name: 'a' }],
      containers: [
        { name: 'a', env: [{ name: 'A', value: '2' }] },
        { name: 'b', image: 'y' },
      ],
    };
    expect(strategicMergePatch(target, patch)).toEqual({
      containers: [
        { name: 'a', image: 'x', env: [{ name: 'A', value: '2' }] },
        { name: 'b', image: 'y' },
      ],
    });
  });

  it('replaces lists of scalars', () => {
    expect(strategicMergePatch({ args: ['a'] }, { args: ['b'] })).toEqual({ args: ['b'] });
  });
});

describe('jsonPatchApply', () => {
  it('applies RFC 6902 operations without touching the target', () => {
    const target = { spec: { a: 1 } };
    const ops = [{ op: 'replace', path: '/spec/a', value: 2 }];
    expect(jsonPatchApply(target, ops)).toEqual({ spec: { a: 2 } });
    expect(target).toEqual({ spec: { a: 1 } });
  });

  it('answers 400 for a failing test operation', () => {
    const ops = [{ op: 'test', path: '/spec/a', value: 9 }];
    expect(caught(() => jsonPatchApply({ spec: { a: 1 } }, ops))).toMatchObject({ code: 400 });
  });
});

describe('patchTypeOf', () => {
  it.each([
    ['application/merge-patch+json', 'merge'],
    ['application/json-patch+json; charset=utf-8', 'json'],
    ['application/strategic-merge-patch+json', 'strategic'],
    ['application/apply-patch+yaml', 'apply'],
    ['text/plain', undefined],
  ])('%s -> %s', (ct, expected) => {
    expect(patchTypeOf(ct)).toBe(expected);
  });
});
