import { impliedFinalizerChecks, writtenName } from './owner-references-permission.js';
import type { ResourceType } from './types.js';

const models = { plural: 'inferencemodels', namespaced: true } as ResourceType;
const resolve = (group: string, _version: string, kind: string) =>
  group === 'sluice.dev' && kind === 'InferenceModel' ? models : undefined;
const ref = (blockOwnerDeletion: boolean, kind = 'InferenceModel') => ({
  apiVersion: 'sluice.dev/v1alpha1',
  kind,
  name: 'llama',
  uid: 'u-1',
  controller: true,
  blockOwnerDeletion,
});
const child = (...ownerReferences: object[]) => ({ metadata: { name: 'c', ownerReferences } });
const checks = (next: unknown, previous?: unknown) =>
  impliedFinalizerChecks({ user: 'op', namespace: 'team-a' }, next, previous, resolve).map(
    (r) => `${r.verb} ${r.apiGroup}/${r.resource}/${r.subresource} ${r.namespace}/${r.name}`,
  );

describe('impliedFinalizerChecks (owner-reference admission)', () => {
  it('asks update on the owner finalizers when a write sets a blocking reference', () => {
    expect(checks(child(ref(true)))).toEqual([
      'update sluice.dev/inferencemodels/finalizers team-a/llama',
    ]);
    expect(checks(child(ref(true)), child(ref(false)))).toHaveLength(1);
  });

  it('asks nothing for a reference that does not block, or already blocked before', () => {
    expect(checks(child(ref(false)))).toEqual([]);
    expect(checks(child(ref(true)), child(ref(true)))).toEqual([]);
    expect(checks({ metadata: {} })).toEqual([]);
    expect(checks(undefined)).toEqual([]);
  });

  it('skips owners of a kind the server does not serve', () => {
    expect(checks(child(ref(true, 'Unknown')))).toEqual([]);
  });
});

describe('writtenName', () => {
  it('is the route name, or the created body name', () => {
    expect(writtenName('PATCH', 'x', '')).toBe('x');
    expect(writtenName('POST', undefined, '{"metadata":{"name":"y"}}')).toBe('y');
    expect(writtenName('POST', undefined, 'kind: Pod')).toBe('');
  });
});
