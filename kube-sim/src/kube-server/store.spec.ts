import { caught } from '../../test/support/caught.js';
import { Registry } from './registry.js';
import { Store } from './store.js';
import type { KubeObject, ResourceType } from './types.js';
import { validatorFrom } from './validator.js';

const registry = new Registry();
const type = (group: string, plural: string): ResourceType =>
  registry.all().find((x) => x.group === group && x.plural === plural) as ResourceType;
const namespaces = type('', 'namespaces');
const configmaps = type('', 'configmaps');
const deployments = type('apps', 'deployments');

const deploymentSpec = {
  selector: { matchLabels: { app: 'd' } },
  template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c' }] } },
};
const newStore = (historySize = 100): Store => {
  const store = new Store({ historySize });
  store.create(namespaces, '', { metadata: { name: 'default' } });
  return store;
};

const cm = (name: string, meta: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  metadata: { name, ...meta },
  data: { a: '1' },
});

describe('Store', () => {
  it('assigns uid, creationTimestamp, generation 1 and increasing resourceVersions', () => {
    const store = newStore();
    const a = store.create(configmaps, 'default', cm('a'));
    const b = store.create(configmaps, 'default', cm('b'));
    expect(a.metadata).toMatchObject({ name: 'a', namespace: 'default', generation: 1 });
    expect(a.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(b.metadata.resourceVersion)).toBeGreaterThan(Number(a.metadata.resourceVersion));
    expect(a).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap' });
  });

  it('generates names from generateName and refuses duplicates with 409 AlreadyExists', () => {
    const store = newStore();
    const o = store.create(configmaps, 'default', { metadata: { generateName: 'gen-' } });
    expect(o.metadata.name).toMatch(/^gen-[a-z0-9]{5}$/);
    store.create(configmaps, 'default', cm('a'));
    expect(caught(() => store.create(configmaps, 'default', cm('a')))).toMatchObject({
      code: 409,
      reason: 'AlreadyExists',
    });
  });

  // The real server's text, seen in the wild (Altinity/clickhouse-operator#1710):
  // ConfigMap "chi-storage-core" is invalid: []: Too long: must have at most 1048576 bytes
  it('refuses a ConfigMap over 1 MiB (data and binaryData together) as the real server does', () => {
    const store = newStore();
    const half = Buffer.alloc(524_288, 1).toString('base64');
    const fits = { metadata: { name: 'm' }, data: { a: 'x'.repeat(524_288) } };
    store.create(configmaps, 'default', { ...fits, binaryData: { b: half } });
    const over = { ...fits, metadata: { name: 'big' }, binaryData: { b: half, c: 'AA==' } };
    expect(caught(() => store.create(configmaps, 'default', over))).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message: 'ConfigMap "big" is invalid: []: Too long: must have at most 1048576 bytes',
      details: { causes: [{ reason: 'FieldValueTooLong', field: '[]' }] },
    });
    const stored = store.get(configmaps, 'default', 'm');
    const grown = { ...stored, data: { a: 'x'.repeat(524_289) }, binaryData: { b: half } };
    expect(caught(() => store.update(configmaps, 'default', grown))).toMatchObject({ code: 422 });
  });

  it('answers 404 for a missing namespace', () => {
    expect(caught(() => newStore().create(configmaps, 'nope', cm('a')))).toMatchObject({
      code: 404,
      message: 'namespaces "nope" not found',
    });
  });

  it('ignores status on main-resource writes of kinds with a status subresource', () => {
    const store = newStore();
    const d = store.create(deployments, 'default', {
      metadata: { name: 'd' },
      spec: { ...deploymentSpec, replicas: 1 },
      status: { replicas: 1 },
    });
    expect(d['status']).toBeUndefined();
    const s = store.update(
      deployments,
      'default',
      { ...d, status: { readyReplicas: 1 } },
      'status',
    );
    expect(s.metadata.generation).toBe(1);
    const u = store.update(deployments, 'default', {
      ...s,
      spec: { ...deploymentSpec, replicas: 2 },
      status: {},
    });
    expect(u.metadata.generation).toBe(2);
    expect(u['status']).toEqual({ readyReplicas: 1 });
  });

  it('keeps finalized objects until the last finalizer goes, then GCs their dependents', () => {
    const store = newStore();
    const owner = store.create(configmaps, 'default', cm('owner', { finalizers: ['x/y'] }));
    const ref = {
      uid: owner.metadata.uid ?? '',
      kind: 'ConfigMap',
      name: 'owner',
      apiVersion: 'v1',
    };
    store.create(configmaps, 'default', cm('child', { ownerReferences: [ref] }));
    const held = store.delete(configmaps, 'default', 'owner');
    expect(held.metadata.deletionTimestamp).toBeDefined();
    expect(store.list(configmaps, 'default').map((o) => o.metadata.name)).toEqual([
      'child',
      'owner',
    ]);
    store.update(configmaps, 'default', {
      ...held,
      metadata: { ...held.metadata, finalizers: [] },
    });
    expect(store.list(configmaps, 'default')).toEqual([]);
  });

  it('orphans dependents with propagationPolicy Orphan', () => {
    const store = newStore();
    const owner = store.create(configmaps, 'default', cm('owner'));
    const ref = {
      uid: owner.metadata.uid ?? '',
      kind: 'ConfigMap',
      name: 'owner',
      apiVersion: 'v1',
    };
    store.create(configmaps, 'default', cm('child', { ownerReferences: [ref] }));
    store.delete(configmaps, 'default', 'owner', 'Orphan');
    expect(store.get(configmaps, 'default', 'child').metadata.ownerReferences).toEqual([]);
  });

  it('forgets events beyond the history size', () => {
    const store = newStore(3);
    const first = store.create(configmaps, 'default', cm('a'));
    for (const n of ['b', 'c', 'd', 'e']) store.create(configmaps, 'default', cm(n));
    expect(store.history.since(Number(first.metadata.resourceVersion))).toBeUndefined();
    expect(store.history.since(Number(store.resourceVersion) - 1)).toHaveLength(1);
  });

  it('answers 422 Invalid with the validator errors for custom resources', () => {
    const store = new Store({
      validator: validatorFrom(() => ({
        object: {},
        errors: [{ field: 'spec.size', type: 'Invalid', value: -1, message: 'must be >= 0' }],
      })),
    });
    const crdType: ResourceType = {
      ...configmaps,
      namespaced: false,
      kind: 'Widget',
      group: 'test.dev',
      crd: { metadata: {} },
    };
    expect(caught(() => store.create(crdType, '', { metadata: { name: 'w' } }))).toMatchObject({
      code: 422,
      message: 'Widget.test.dev "w" is invalid: spec.size: Invalid value: -1: must be >= 0',
    });
  });
});
