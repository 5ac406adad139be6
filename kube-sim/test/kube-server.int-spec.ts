// The Kubernetes-API test server through the real @kubernetes/client-node: informers, optimistic
// concurrency, status subresource, garbage collection, finalizers and watch expiry.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApiException,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  Watch,
  makeInformer,
  type KubernetesListObject,
} from '@kubernetes/client-node';
import { startKubeServer, type KubeServer } from '../src/kube-server/index.js';
import { group, plural, uniqueName, widget, widgetCrd, type Widget } from './support/widgets.js';

let server: KubeServer;
let kc: KubeConfig;
let objects: KubernetesObjectApi;
let custom: CustomObjectsApi;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kube-server-'));
  server = await startKubeServer({ kubeconfigPath: join(dir, 'kubeconfig'), historySize: 50 });
  kc = new KubeConfig();
  kc.loadFromFile(server.kubeconfigPath ?? '');
  objects = KubernetesObjectApi.makeApiClient(kc);
  custom = kc.makeApiClient(CustomObjectsApi);
  // Not objects.create: client-node's typed serializer would drop the CRD's
  // `x-kubernetes-preserve-unknown-fields` (it expects xKubernetesPreserveUnknownFields).
  await custom.createClusterCustomObject({
    group: 'apiextensions.k8s.io',
    version: 'v1',
    plural: 'customresourcedefinitions',
    body: widgetCrd,
  });
});

afterAll(async () => {
  await server.close();
});

const read = (name: string): Promise<Widget> =>
  objects.read<Widget>({
    apiVersion: `${group}/v1`,
    kind: 'Widget',
    metadata: { name, namespace: 'default' },
  });

const codeOf = async (p: Promise<unknown>): Promise<number | undefined> => {
  try {
    await p;
    return undefined;
  } catch (err) {
    if (err instanceof ApiException) return err.code;
    throw err;
  }
};

const eventually = async (check: () => boolean, ms = 3000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('kube-server with @kubernetes/client-node', () => {
  it('establishes the CRD', async () => {
    const crd = await objects.read({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: widgetCrd.metadata.name },
    });
    const conditions = (
      crd as { status?: { conditions?: Array<{ type: string; status: string }> } }
    ).status?.conditions;
    expect(conditions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'Established', status: 'True' }),
        expect.objectContaining({ type: 'NamesAccepted', status: 'True' }),
      ]),
    );
  });

  it('lets an informer see add, update and delete in order', async () => {
    const name = uniqueName('inf');
    const list = async (): Promise<KubernetesListObject<Widget>> =>
      (await custom.listNamespacedCustomObject({
        group,
        version: 'v1',
        namespace: 'default',
        plural,
      })) as KubernetesListObject<Widget>;
    const informer = makeInformer<Widget>(
      kc,
      `/apis/${group}/v1/namespaces/default/${plural}`,
      list,
    );
    const seen: string[] = [];
    const mine = (w: Widget): boolean => w.metadata?.name === name;
    informer.on('add', (w) => mine(w) && seen.push(`add:${w.spec?.size}`));
    informer.on('update', (w) => mine(w) && seen.push(`update:${w.spec?.size}`));
    informer.on('delete', (w) => mine(w) && seen.push('delete'));
    await informer.start();
    await objects.create(widget(name, 1));
    await eventually(() => seen.length === 1);
    await objects.patch(
      { ...widget(name, 2) },
      undefined,
      undefined,
      undefined,
      undefined,
      'application/merge-patch+json',
    );
    await eventually(() => seen.length === 2);
    await objects.delete(widget(name));
    await eventually(() => seen.length === 3);
    await informer.stop();
    expect(seen).toEqual(['add:1', 'update:2', 'delete']);
    expect(informer.list('default').some(mine)).toBe(false);
  });

  it('rejects an object its CRD schema refuses with 422 Invalid (default validator)', async () => {
    const bad = { ...widget(uniqueName('bad')), spec: { size: 'big' } };
    expect(await codeOf(objects.create(bad))).toBe(422);
  });

  it('answers 409 Conflict to an update with a stale resourceVersion', async () => {
    const name = uniqueName('stale');
    const created = await objects.create(widget(name, 1));
    await objects.replace({ ...created, spec: { size: 2 } });
    const code = await codeOf(objects.replace({ ...created, spec: { size: 3 } }));
    expect(code).toBe(409);
    expect((await read(name)).spec?.size).toBe(2);
  });

  it('bumps generation on spec changes only, not on status writes', async () => {
    const name = uniqueName('gen');
    await objects.create(widget(name, 1));
    const current = await read(name);
    await custom.replaceNamespacedCustomObjectStatus({
      group,
      version: 'v1',
      namespace: 'default',
      plural,
      name,
      body: { ...current, status: { conditions: [{ type: 'Ready', status: 'True' }] } },
    });
    const afterStatus = await read(name);
    expect(afterStatus.metadata?.generation).toBe(1);
    expect(afterStatus.status).toEqual({ conditions: [{ type: 'Ready', status: 'True' }] });
    await objects.replace({ ...afterStatus, spec: { size: 5 }, status: { ignored: true } });
    const afterSpec = await read(name);
    expect(afterSpec.metadata?.generation).toBe(2);
    expect(afterSpec.status).toEqual(afterStatus.status);
  });

  it('garbage-collects dependents when their owner is deleted', async () => {
    const owner = await objects.create(widget(uniqueName('owner')));
    const ownerRef = {
      apiVersion: `${group}/v1`,
      kind: 'Widget',
      name: owner.metadata?.name ?? '',
      uid: owner.metadata?.uid ?? '',
    };
    const child = widget(uniqueName('child'));
    child.metadata = { ...child.metadata, ownerReferences: [ownerRef] };
    await objects.create(child);
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: uniqueName('cm'), namespace: 'default', ownerReferences: [ownerRef] },
    };
    await objects.create(cm);
    await objects.delete(owner);
    expect(await codeOf(read(child.metadata?.name ?? ''))).toBe(404);
    expect(await codeOf(objects.read(cm))).toBe(404);
  });

  it('holds a deletion until the last finalizer is removed', async () => {
    const name = uniqueName('fin');
    const w = widget(name);
    w.metadata = { ...w.metadata, finalizers: ['test.sluice.dev/cleanup'] };
    await objects.create(w);
    await objects.delete(widget(name));
    const held = await read(name);
    expect(held.metadata?.deletionTimestamp).toBeDefined();
    await objects.replace({ ...held, metadata: { ...held.metadata, finalizers: [] } });
    expect(await codeOf(read(name))).toBe(404);
  });

  it('answers a watch from a compacted resourceVersion with 410 Expired', async () => {
    const first = await objects.create(widget(uniqueName('old')));
    for (let i = 0; i < 60; i++) await objects.create(widget(uniqueName('fill')));
    const events: Array<{ type: string; object: { code?: number; reason?: string } }> = [];
    await new Promise<void>((resolve, reject) => {
      new Watch(kc)
        .watch(
          `/apis/${group}/v1/namespaces/default/${plural}`,
          { resourceVersion: first.metadata?.resourceVersion ?? '' },
          (type, object) => events.push({ type, object: object as { code?: number } }),
          () => resolve(),
        )
        .catch(reject);
    });
    expect(events).toHaveLength(1);
    expect(events[0]?.type).toBe('ERROR');
    expect(events[0]?.object).toMatchObject({ code: 410, reason: 'Expired' });
  });
});
