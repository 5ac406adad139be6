import { diffForApply } from './apply.js';

const desired = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: 'cm',
    namespace: 'ns',
    labels: { app: 'x' },
    annotations: { 'a/b': 'c' },
    ownerReferences: [{ apiVersion: 'v1', kind: 'Owner', name: 'o', uid: 'u1', controller: true }],
  },
  data: { key: 'value', other: 'v' },
};

const observed = {
  ...desired,
  metadata: {
    ...desired.metadata,
    uid: 'abc',
    resourceVersion: '7',
    generation: 2,
    creationTimestamp: '2026-01-01T00:00:00Z',
    labels: { app: 'x', 'added-by': 'someone-else' },
    annotations: { 'a/b': 'c', 'kubectl/last': '{}' },
  },
  status: { anything: true },
};

describe('diffForApply', () => {
  it('creates what is not observed', () => {
    expect(diffForApply(desired, undefined)).toEqual({ action: 'create' });
  });

  it('does nothing when every desired field already holds (server and other fields ignored)', () => {
    expect(diffForApply(desired, observed)).toEqual({ action: 'none' });
  });

  it('ignores apiVersion/kind missing from typed list items', () => {
    const bare = { metadata: observed.metadata, data: observed.data };
    expect(diffForApply(desired, bare)).toEqual({ action: 'none' });
  });

  it.each([
    ['a data value', { data: { key: 'new', other: 'v' } }, { data: { key: 'new' } }],
    [
      'a label (others kept by the merge)',
      { metadata: { ...desired.metadata, labels: { app: 'y' } } },
      { metadata: { labels: { app: 'y' } } },
    ],
    [
      'an annotation added',
      { metadata: { ...desired.metadata, annotations: { 'a/b': 'c', n: '1' } } },
      { metadata: { annotations: { n: '1' } } },
    ],
    [
      'ownerReferences (replaced whole)',
      { metadata: { ...desired.metadata, ownerReferences: [] } },
      { metadata: { ownerReferences: [] } },
    ],
    ['a new top-level field', { spec: { replicas: 2 } }, { spec: { replicas: 2 } }],
  ])('patches only %s', (_name, change, patch) => {
    expect(diffForApply({ ...desired, ...change }, observed)).toEqual({ action: 'patch', patch });
  });

  it('never compares status or server-set metadata', () => {
    const withStatus = { ...desired, status: { other: 1 } };
    expect(diffForApply(withStatus, observed)).toEqual({ action: 'none' });
  });
});
