import { CoreV1Api, type KubeConfig, type V1ConfigMap } from '@kubernetes/client-node';
import { Informer } from '../src/runtime/informer.js';
import { keyOfObject } from '../src/runtime/object-key.js';
import {
  eventually,
  freePort,
  kubeConfigFor,
  startTestCluster,
  uniqueName,
  type TestCluster,
} from './support/cluster.js';

let cluster: TestCluster;
let core: CoreV1Api;
const informers: Array<Informer<V1ConfigMap>> = [];

beforeAll(async () => {
  cluster = await startTestCluster();
  core = cluster.kubeConfig.makeApiClient(CoreV1Api);
});
afterEach(async () => {
  await Promise.all(informers.splice(0).map((i) => i.stop()));
});
afterAll(() => cluster.close());

const fast = {
  retry: { baseMs: 20, maxMs: 100 },
  fatalAfterMs: 60_000,
  healthyAfterMs: 60_000,
};

function configMapInformer(
  kubeConfig: KubeConfig,
  namespace: string,
  extra: { resyncMs?: number; fatalAfterMs?: number; onFatal?: (e: unknown) => void } = {},
) {
  const api = kubeConfig.makeApiClient(CoreV1Api);
  const seen: string[] = [];
  const informer = new Informer<V1ConfigMap>({
    kubeConfig,
    path: `/api/v1/namespaces/${namespace}/configmaps`,
    list: () => api.listNamespacedConfigMap({ namespace }),
    resyncMs: extra.resyncMs ?? 0,
    failurePolicy: { ...fast, fatalAfterMs: extra.fatalAfterMs ?? fast.fatalAfterMs },
    onFatal: extra.onFatal ?? (() => undefined),
  });
  informer.onChange((o) => seen.push(`${keyOfObject(o)}:${o.data?.v ?? ''}`));
  informers.push(informer);
  return { informer, seen };
}

const createNamespace = async (): Promise<string> => {
  const name = uniqueName('ns');
  await core.createNamespace({ body: { metadata: { name } } });
  return name;
};

const put = (namespace: string, name: string, v: string) =>
  core.createNamespacedConfigMap({ namespace, body: { metadata: { name }, data: { v } } });

describe('Informer against the Kubernetes-API test server', () => {
  it('lists, then watches adds, updates and deletes into its cache', async () => {
    const ns = await createNamespace();
    await put(ns, 'before', '1');
    const { informer, seen } = configMapInformer(cluster.kubeConfig, ns);
    expect(informer.hasSynced()).toBe(false);
    informer.start();
    await eventually(() => informer.hasSynced());
    expect(informer.get('before', ns)?.data).toEqual({ v: '1' });

    await put(ns, 'after', '2');
    await core.patchNamespacedConfigMap({
      namespace: ns,
      name: 'before',
      body: [{ op: 'replace', path: '/data/v', value: '3' }],
    });
    await core.deleteNamespacedConfigMap({ namespace: ns, name: 'after' });
    await eventually(() => seen.length >= 4);
    expect(seen).toEqual([`${ns}/before:1`, `${ns}/after:2`, `${ns}/before:3`, `${ns}/after:2`]);
    expect(informer.list().map((o) => o.metadata?.name)).toEqual(['before']);
  });

  it('relists when its resourceVersion has expired (410 Gone)', async () => {
    const ns = await createNamespace();
    const { informer } = configMapInformer(cluster.kubeConfig, ns);
    informer.start();
    await eventually(() => informer.hasSynced());
    await informer.stop();
    // More changes than the server's watch history (50) while the informer is away.
    for (let i = 0; i < 60; i++) await put(ns, `cm-${i}`, String(i));
    informer.start();
    await eventually(() => informer.list().length === 60);
  });

  it('resyncs: hands every cached object to the handlers again', async () => {
    const ns = await createNamespace();
    await put(ns, 'a', '1');
    const { informer, seen } = configMapInformer(cluster.kubeConfig, ns, { resyncMs: 100 });
    informer.start();
    await eventually(() => seen.length >= 3);
    expect(new Set(seen)).toEqual(new Set([`${ns}/a:1`]));
  });

  it('waits for an API server that is not there yet, without giving up, then syncs', async () => {
    const port = await freePort();
    let fatal = 0;
    const { informer } = configMapInformer(kubeConfigFor(`http://127.0.0.1:${port}`), 'default', {
      fatalAfterMs: 100,
      onFatal: () => fatal++,
    });
    informer.start();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(informer.hasSynced()).toBe(false);
    const late = await startTestCluster(port);
    try {
      await eventually(() => informer.hasSynced());
      expect(fatal).toBe(0);
    } finally {
      await informer.stop();
      await late.close();
    }
  });

  it('gives up through onFatal when a synced watch cannot recover', async () => {
    const own = await startTestCluster();
    let fatal = 0;
    const { informer } = configMapInformer(own.kubeConfig, 'default', {
      fatalAfterMs: 300,
      onFatal: () => fatal++,
    });
    informer.start();
    await eventually(() => informer.hasSynced());
    await own.close();
    await eventually(() => fatal > 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fatal).toBe(1);
  });
});
