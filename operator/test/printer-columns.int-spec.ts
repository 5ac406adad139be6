// What a platform engineer sees: the real `kubectl get` against the Kubernetes-API test server
// after the operator reconciled. Each column of `kubectl get inferencemodels` (and `-o wide`) must
// say what is true: the model's Ready condition, its spec, and the capacity the operator derived
// from the Deployment (ready replicas, and their cost = ready replicas x GPUs x GPU hourly price,
// computed here independently from the spec).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  type KubernetesObject,
} from '@kubernetes/client-node';
import type { Condition, InferenceModel, QuantizationProfile, RoutingPolicy } from '@sluice/crds';
import type { RunningOperator } from '../src/bootstrap.js';
import { startTestOperator } from './support/test-operator.js';
import { eventually, startTestCluster, uniqueName, type TestCluster } from './support/cluster.js';
import { example, modelClient, settled, type ModelClient } from './support/models.js';
import { installSluiceCrds } from './support/sluice-crds.js';
import { readTable, type Row } from './support/kubectl-table.js';

const run = promisify(execFile);
const WAIT = 15_000;

let cluster: TestCluster;
let operator: RunningOperator;
let models: ModelClient;

beforeAll(async () => {
  cluster = await startTestCluster();
  models = modelClient(cluster.kubeConfig);
  await installSluiceCrds(cluster.kubeConfig);
  operator = await startTestOperator(cluster.kubeconfigPath);
  for (const profile of ['awq-int4', 'fp8', 'none'])
    await createObject(example('quantization-profiles.yaml', profile));
});
afterAll(async () => {
  await operator?.app.close();
  await cluster?.close();
});

async function kubectl(...args: string[]): Promise<Row[]> {
  const env = { ...process.env, KUBECONFIG: cluster.kubeconfigPath };
  const { stdout } = await run('kubectl', args, { env, timeout: 20_000 });
  return readTable(stdout);
}

const rowOf = (rows: Row[], name: string): Row => {
  const row = rows.find((r) => r.NAME === name);
  if (!row) throw new Error(`kubectl did not list ${name}`);
  return row;
};

/** What the Deployment controller would report once `ready` vLLM pods pass their probes. */
async function markReady(name: string, ready: number): Promise<void> {
  const apps = cluster.kubeConfig.makeApiClient(AppsV1Api);
  const deployment = await apps.readNamespacedDeployment({ name, namespace: 'default' });
  const counts = { replicas: ready, updatedReplicas: ready, readyReplicas: ready };
  await apps.replaceNamespacedDeploymentStatus({
    name,
    namespace: 'default',
    body: {
      ...deployment,
      status: {
        ...counts,
        availableReplicas: ready,
        observedGeneration: deployment.metadata?.generation ?? 1,
      },
    },
  });
}

async function createObject(object: KubernetesObject): Promise<void> {
  await models.objects.create({
    ...object,
    metadata: { ...object.metadata, namespace: 'default' },
  });
}

type Spec = NonNullable<InferenceModel['spec']>;
const specOf = (model: InferenceModel): Spec => model.spec as Spec;
/** Any age kubectl prints for an object created seconds ago. */
const AGE: unknown = expect.stringMatching(/^\d+s$/);

/**
 * The row a Ready self-hosted model must show, from its spec and the ready replicas alone, so
 * the operator's status is what gets checked: $/HOUR = ready replicas x GPUs x GPU hourly price.
 */
function selfHostedRow(name: string, spec: Spec, ready: number): Record<string, unknown> {
  const gpus = spec.vllm?.gpu.count ?? 1;
  const hourly = (ready * gpus * Number(spec.pricing?.gpuHourlyUSD)).toFixed(2);
  return {
    NAME: name,
    READY: 'True',
    PROVIDER: spec.provider,
    TIER: spec.tier,
    REPLICAS: String(ready),
    QUANT: spec.vllm?.quantizationProfileRef?.name,
    // A self-hosted model has no token price: its cost is GPU time, in $/HOUR.
    '$/1M-TOKENS': '',
    '$/HOUR': hourly,
    AGE,
  };
}

describe('kubectl get inferencemodels', () => {
  it('shows a self-hosted model as its spec and status say, with capacity and cost', async () => {
    const name = uniqueName('llama');
    const manifest = example<InferenceModel>('small-llama-8b-awq.yaml');
    await models.create({ ...manifest, metadata: { name } });
    await eventually(async () => (await models.deployment(name)) !== undefined, WAIT);
    const ready = 2;
    await markReady(name, ready);
    await eventually(async () => (await models.get(name)).status?.readyReplicas === ready, WAIT);

    const expected = selfHostedRow(name, specOf(manifest), ready);
    expect(expected['$/HOUR']).toBe('1.60'); // 2 x 1 L4 x 0.80 USD
    const row = rowOf(await kubectl('get', 'inferencemodels', '-o', 'wide'), name);
    const endpoint = (await models.get(name)).status?.endpoint;
    expect(row).toEqual({ ...expected, ENDPOINT: endpoint });

    // The endpoint is the model's Service, at a port the Service serves.
    const service = await cluster.kubeConfig
      .makeApiClient(CoreV1Api)
      .readNamespacedService({ name, namespace: 'default' });
    const url = new URL(endpoint ?? '');
    expect(url.hostname).toBe(`${service.metadata?.name}.default.svc`);
    expect(service.spec?.ports?.map((p) => String(p.port))).toContain(url.port);

    // Without -o wide: the same columns but ENDPOINT.
    expect(rowOf(await kubectl('get', 'inferencemodels'), name)).toEqual(expected);
  });

  it('shows an external model with prices and endpoint, no replicas or hourly cost', async () => {
    await createObject(example('frontier-external.yaml', 'openai-api-key'));
    const manifest = example<InferenceModel>('frontier-external.yaml', 'gpt-4o');
    const spec = specOf(manifest);
    const name = uniqueName('gpt');
    await models.create({ ...manifest, metadata: { name } });
    await eventually(() => models.observed(name), WAIT);

    expect(rowOf(await kubectl('get', 'inferencemodels', '-o', 'wide'), name)).toEqual({
      NAME: name,
      READY: 'True',
      PROVIDER: 'external',
      TIER: spec.tier,
      REPLICAS: '',
      QUANT: '',
      '$/1M-TOKENS': `${spec.pricing?.inputPer1M}/${spec.pricing?.outputPer1M}`,
      '$/HOUR': '',
      ENDPOINT: spec.external?.baseURL,
      AGE,
    });
  });
});

/** A custom resource as the API server stores it (defaults applied, status as written). */
async function stored<T>(plural: string, name: string): Promise<T> {
  const custom = cluster.kubeConfig.makeApiClient(CustomObjectsApi);
  const request = { group: 'sluice.dev', version: 'v1alpha1', plural, namespace: 'default', name };
  return (await custom.getNamespacedCustomObject(request)) as T;
}

const readyOf = (o: { status?: { conditions?: Condition[] } }): string =>
  o.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? '';

describe('kubectl get quantizationprofiles and routingpolicies', () => {
  it('shows every QuantizationProfile column as the stored profile says', async () => {
    const names = ['awq-int4', 'fp8', 'none'];
    // A controller may still be writing their status: compare once nothing changes any more.
    const version = async (n: string) =>
      (await stored<KubernetesObject>('quantizationprofiles', n)).metadata?.resourceVersion;
    await settled(async () => JSON.stringify(await Promise.all(names.map(version))));
    const rows = await kubectl('get', 'quantizationprofiles', '-o', 'wide');
    for (const name of names) {
      const profile = await stored<QuantizationProfile>('quantizationprofiles', name);
      expect(rowOf(rows, name)).toEqual({
        NAME: name,
        METHOD: profile.spec?.method,
        BITS: String(profile.spec?.weightBits),
        'KV-DTYPE': profile.spec?.kvCacheDtype,
        READY: readyOf(profile),
        AGE,
      });
    }
  });

  it('shows every RoutingPolicy column as the stored policy says', async () => {
    const name = uniqueName('routing');
    await createObject({ ...example('routing-policy.yaml'), metadata: { name } });
    const policy = await stored<RoutingPolicy>('routingpolicies', name);
    expect(rowOf(await kubectl('get', 'routingpolicies', '-o', 'wide'), name)).toEqual({
      NAME: name,
      // Blank for the example: its default route takes the learned classifier's tier.
      'DEFAULT-TIER': policy.spec?.defaultRoute.tier ?? '',
      READY: readyOf(policy),
      'CACHE-SCOPE': policy.spec?.cache?.scope,
      AGE,
    });
  });
});
