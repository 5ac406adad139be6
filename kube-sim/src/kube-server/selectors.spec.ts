import { caught } from '../../test/support/caught.js';
import { Registry } from './registry.js';
import { matchesFields, matchesLabels, parseSelector } from './selectors.js';

const registry = new Registry();
const typeOf = (group: string, plural: string) => registry.find(group, 'v1', plural)!;

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
    expect(matchesFields(parseSelector(selector), o, typeOf('', 'configmaps'))).toBe(expected);
  });

  it('rejects unsupported fields', () => {
    const cm = typeOf('', 'configmaps');
    expect(() => matchesFields(parseSelector('spec.x=1'), o, cm)).toThrow(/not supported/);
    // Events' own field labels belong to Events only.
    expect(() => matchesFields(parseSelector('reason=x'), o, cm)).toThrow(/not supported/);
  });

  // kubectl describe lists an object's Events with these, on either Event shape.
  const describeSelector =
    'involvedObject.name=m,involvedObject.namespace=ns,involvedObject.kind=InferenceModel,involvedObject.uid=u1';
  const ref = { kind: 'InferenceModel', name: 'm', namespace: 'ns', uid: 'u1' };
  it.each([
    ['core/v1', typeOf('', 'events'), { involvedObject: ref, reason: 'Scaled', type: 'Normal' }],
    [
      'events.k8s.io/v1',
      typeOf('events.k8s.io', 'events'),
      { regarding: ref, reason: 'Scaled', type: 'Normal', reportingController: 'sluice' },
    ],
  ])('selects %s Events by involvedObject, reason and type', (_, t, body) => {
    const event = { metadata: { name: 'e', namespace: 'ns' }, ...body };
    expect(matchesFields(parseSelector(describeSelector), event, t)).toBe(true);
    expect(matchesFields(parseSelector('reason=Scaled,type=Normal'), event, t)).toBe(true);
    expect(matchesFields(parseSelector('involvedObject.uid=u2'), event, t)).toBe(false);
  });
});
