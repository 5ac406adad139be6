import {
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  type KubernetesObject,
  type V1ConfigMap,
} from '@kubernetes/client-node';
import { applyObject, updateStatus } from '../src/runtime/apply.js';
import { RateLimiter, limitRequests } from '../src/runtime/rate-limiter.js';
import { startTestCluster, uniqueName, type TestCluster } from './support/cluster.js';

let cluster: TestCluster;
let objects: KubernetesObjectApi;
let custom: CustomObjectsApi;

const group = 'runtime.test.dev';
const gadgetCrd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `gadgets.${group}` },
  spec: {
    group,
    scope: 'Namespaced',
    names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: { type: 'object', properties: { size: { type: 'integer' } } },
              status: { type: 'object', properties: { phase: { type: 'string' } } },
            },
          },
        },
      },
    ],
  },
};

beforeAll(async () => {
  cluster = await startTestCluster();
  objects = KubernetesObjectApi.makeApiClient(cluster.kubeConfig);
  custom = cluster.kubeConfig.makeApiClient(CustomObjectsApi);
  await custom.createClusterCustomObject({
    group: 'apiextensions.k8s.io',
    version: 'v1',
    plural: 'customresourcedefinitions',
    body: gadgetCrd,
  });
});
afterAll(() => cluster.close());

const configMap = (name: string, data: Record<string, string>, labels = {}): V1ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', labels },
  data,
});

const read = (object: KubernetesObject) =>
  objects.read({
    apiVersion: object.apiVersion ?? '',
    kind: object.kind ?? '',
    metadata: { name: object.metadata?.name ?? '', namespace: 'default' },
  });

describe('applyObject and updateStatus against the Kubernetes-API test server', () => {
  it('creates, then writes nothing when unchanged, then patches only what differs', async () => {
    const name = uniqueName('cm');
    const desired = configMap(name, { a: '1' }, { app: 'x' });
    const created = await applyObject(objects, desired, undefined);
    expect(created.action).toBe('create');

    // Someone else adds a label; the server's fields and theirs must not cause a write.
    await objects.patch(
      { ...desired, metadata: { name, namespace: 'default', labels: { other: 'y' } } },
      undefined,
      undefined,
      undefined,
      undefined,
      'application/merge-patch+json',
    );
    const observed = await read(desired);
    const unchanged = await applyObject(objects, desired, observed);
    expect(unchanged.action).toBe('none');
    expect((await read(desired)).metadata?.resourceVersion).toBe(
      observed.metadata?.resourceVersion,
    );

    const patched = await applyObject(objects, configMap(name, { a: '2' }, { app: 'x' }), observed);
    expect(patched.action).toBe('patch');
    const after = (await read(desired)) as V1ConfigMap;
    expect(after.data).toEqual({ a: '2' });
    expect(after.metadata?.labels).toEqual({ app: 'x', other: 'y' });
  });

  it('writes status only when it differs, through the status subresource', async () => {
    const name = uniqueName('gadget');
    const gadget = {
      apiVersion: `${group}/v1`,
      kind: 'Gadget',
      metadata: { name, namespace: 'default' },
      spec: { size: 1 },
    };
    await objects.create(gadget);
    const resource = { group, version: 'v1', plural: 'gadgets' };
    const first = await read(gadget);
    expect(await updateStatus(custom, resource, first, { phase: 'Ready' })).toBe(true);
    const second = (await read(gadget)) as KubernetesObject & { status?: unknown };
    expect(second.status).toEqual({ phase: 'Ready' });
    expect(second.metadata?.generation).toBe(first.metadata?.generation);
    expect(await updateStatus(custom, resource, second, { phase: 'Ready' })).toBe(false);
    expect((await read(gadget)).metadata?.resourceVersion).toBe(second.metadata?.resourceVersion);
  });

  it('holds client requests to the configured rate', async () => {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(cluster.kubeconfigPath);
    const limited = KubernetesObjectApi.makeApiClient(
      limitRequests(kubeConfig, new RateLimiter({ qps: 20, burst: 2 })),
    );
    const started = Date.now();
    const finished = await Promise.all(
      [0, 1, 2, 3].map(async () => {
        await limited.list('v1', 'ConfigMap', 'default');
        return Date.now() - started;
      }),
    );
    // Two at once, then one per 50 ms: the fourth cannot be sent before 100 ms (a lower bound
    // only, so a slow machine cannot make this flaky).
    expect(Math.max(...finished)).toBeGreaterThanOrEqual(100);
  });
});
