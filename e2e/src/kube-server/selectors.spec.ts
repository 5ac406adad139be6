import { caught } from '../../test/support/caught.js';
import { matchesFields, matchesLabels, parseSelector } from './selectors.js';

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'gpu' };
  it.each([
    ['', true],
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app!=db', true],
    ['missing!=x', true],
    ['app in (web,db)', true],
    ['app in (db)', false],
    ['app notin (db)', true],
    ['app notin (web, db)', false],
    ['missing notin (x)', true],
    ['app', true],
    ['!app', false],
    ['!missing', true],
    ['app=web,tier=gpu', true],
    ['app=web,tier in (cpu)', false],
    ['app in (web),!missing,tier', true],
  ])('%p matches %p', (selector, expected) => {
    expect(matchesLabels(parseSelector(selector), labels)).toBe(expected);
  });

  it('rejects unparsable selectors with 400', () => {
    expect(caught(() => parseSelector('a in b'))).toMatchObject({ code: 400 });
  });
});

describe('field selectors', () => {
  const o = { metadata: { name: 'x', namespace: 'ns' } };
  it.each([
    ['metadata.name=x', true],
    ['metadata.name!=x', false],
    ['metadata.namespace=ns,metadata.name=x', true],
    ['metadata.namespace=other', false],
  ])('%p matches %p', (selector, expected) => {
    expect(matchesFields(parseSelector(selector), o)).toBe(expected);
  });

  it('rejects unsupported fields', () => {
    expect(() => matchesFields(parseSelector('spec.x=1'), o)).toThrow(/field label not supported/);
  });
});
