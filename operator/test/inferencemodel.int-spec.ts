// The real operator against the Kubernetes-API test server: an InferenceModel becomes a vLLM
// Deployment, Service, HPA and PDB owned by the model, its status follows, a reconcile with
// nothing to change writes nothing, a spec change rolls through, an oversized model is blocked,
// and deleting the model removes its children.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ApiException,
  CustomObjectsApi,
  EventsV1Api,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
  type KubernetesObject,
  type V1Deployment,
} from '@kubernetes/client-node';
import { parse, parseAllDocuments } from 'yaml';
import type { InferenceModel } from '@sluice/crds';
import type { RunningOperator } from '../src/bootstrap.js';
import { startTestOperator } from './support/test-operator.js';
import { installSluiceCrds, repoRoot } from './support/sluice-crds.js';
import { eventually, startTestCluster, uniqueName, type TestCluster } from './support/cluster.js';

const root = repoRoot;
const group = 'sluice.dev';
const version = 'v1alpha1';
const plural = 'inferencemodels';

let cluster: TestCluster;
let operator: RunningOperator;
let custom: CustomObjectsApi;
let objects: KubernetesObjectApi;

beforeAll(async () => {
  cluster = await startTestCluster();
  custom = cluster.kubeConfig.makeApiClient(CustomObjectsApi);
  objects = KubernetesObjectApi.makeApiClient(cluster.kubeConfig);
  await installSluiceCrds(cluster.kubeConfig);
  operator = await startTestOperator(cluster.kubeconfigPath);
  const profile = parseAllDocuments(
    readFileSync(join(root, 'examples', 'quantization-profiles.yaml'), 'utf8'),
  )
    .map((doc) => doc.toJS() as KubernetesObject)
    .find((p) => p.metadata?.name === 'awq-int4');
  await objects.create({ ...profile, metadata: { name: 'awq-int4', namespace: 'default' } });
});
afterAll(async () => {
  await operator?.app.close();
  await cluster?.close();
});

const example = (): InferenceModel =>
  parse(readFileSync(join(root, 'examples', 'small-llama-8b-awq.yaml'), 'utf8')) as InferenceModel;

async function createModel(model: InferenceModel): Promise<InferenceModel> {
  const created: unknown = await custom.createNamespacedCustomObject({
    group,
    version,
    plural,
    namespace: 'default',
    body: model,
  });
  return created as InferenceModel;
}

const getModel = async (name: string): Promise<InferenceModel> =>
  (await custom.getNamespacedCustomObject({
    group,
    version,
    plural,
    namespace: 'default',
    name,
  })) as InferenceModel;

async function patchModel(name: string, body: object): Promise<InferenceModel> {
  const options = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
  const request = { group, version, plural, namespace: 'default', name, body };
  const patched: unknown = await custom.patchNamespacedCustomObject(request, options);
  return patched as InferenceModel;
}

const CHILDREN = [
  ['apps/v1', 'Deployment'],
  ['v1', 'Service'],
  ['autoscaling/v2', 'HorizontalPodAutoscaler'],
  ['policy/v1', 'PodDisruptionBudget'],
] as const;

async function child(apiVersion: string, kind: string, name: string) {
  try {
    return await objects.read({ apiVersion, kind, metadata: { name, namespace: 'default' } });
  } catch (error) {
    if (error instanceof ApiException && error.code === 404) return undefined;
    throw error;
  }
}

const children = (name: string) =>
  Promise.all(CHILDREN.map(([apiVersion, kind]) => child(apiVersion, kind, name)));

/** The model's status caught up with its spec. */
async function observed(name: string): Promise<boolean> {
  const model = await getModel(name);
  const ready = model.status?.conditions?.find((c) => c.type === 'Ready');
  return model.status?.observedGeneration === model.metadata?.generation && ready !== undefined;
}

/** Waits for an Event about `name` with this reason and type. */
async function event(name: string, reason: string, type: string): Promise<void> {
  const events = cluster.kubeConfig.makeApiClient(EventsV1Api);
  await eventually(async () => {
    const list = await events.listNamespacedEvent({ namespace: 'default' });
    return list.items.some(
      (e) => e.regarding?.name === name && e.reason === reason && e.type === type,
    );
  }, WAIT);
}

/** The value of --max-num-seqs in the vLLM container's args. */
function maxNumSeqs(d: V1Deployment): string | undefined {
  const args = d.spec?.template.spec?.containers[0]?.args ?? [];
  const at = args.indexOf('--max-num-seqs');
  return at < 0 ? undefined : args[at + 1];
}
const WAIT = 15_000;

describe('InferenceModel controller', () => {
  const name = uniqueName('llama');

  it('creates a Deployment, Service, HPA and PDB controlled by the model, and reports status', async () => {
    const model = await createModel({ ...example(), metadata: { name, namespace: 'default' } });
    const uid = model.metadata?.uid;
    await eventually(async () => (await children(name)).every(Boolean), WAIT);
    const owners = (await children(name)).map((o) => o?.metadata?.ownerReferences ?? []);
    for (const refs of owners) {
      expect(refs).toEqual([
        expect.objectContaining({ kind: 'InferenceModel', name, uid, controller: true }),
      ]);
    }
    const deployment = (await child('apps/v1', 'Deployment', name)) as V1Deployment;
    expect(maxNumSeqs(deployment)).toBe('128');
    expect(deployment.spec?.template.spec?.containers[0]?.resources?.limits).toMatchObject({
      'nvidia.com/gpu': '1',
    });
    await eventually(() => observed(name), WAIT);
    await event(name, 'Created', 'Normal');
    const types = (await getModel(name)).status?.conditions?.map((c) => c.type);
    expect(types).toEqual(expect.arrayContaining(['Ready', 'Progressing']));
  });

  it('writes nothing when a reconcile has nothing to change', async () => {
    await settle(name);
    const versions = (await children(name)).map((o) => o?.metadata?.resourceVersion);
    // An unrelated label: the model changes, so it is reconciled, but its plan is the same.
    const touched = await patchModel(name, { metadata: { labels: { touched: 'yes' } } });
    await settle(name);
    expect((await children(name)).map((o) => o?.metadata?.resourceVersion)).toEqual(versions);
    // Nor is the unchanged status written again.
    const model = await getModel(name);
    expect(model.metadata?.resourceVersion).toBe(touched.metadata?.resourceVersion);
  });

  it('rolls a spec change into the Deployment, and the status follows the generation', async () => {
    await patchModel(name, { spec: { vllm: { batching: { maxNumSeqs: 64 } } } });
    await eventually(async () => {
      const d = (await child('apps/v1', 'Deployment', name)) as V1Deployment;
      return maxNumSeqs(d) === '64';
    }, WAIT);
    await eventually(() => observed(name), WAIT);
    expect((await getModel(name)).metadata?.generation).toBe(2);
  });

  it('leaves the children to garbage collection when the model is deleted', async () => {
    await custom.deleteNamespacedCustomObject({
      group,
      version,
      plural,
      namespace: 'default',
      name,
    });
    await eventually(async () => (await children(name)).every((o) => o === undefined), WAIT);
  });

  it('blocks a model that does not fit its GPU: Ready False, InsufficientGPUMemory, no Deployment', async () => {
    const name = uniqueName('huge');
    const base = example();
    const vllm = base.spec?.vllm;
    const huge: InferenceModel = {
      ...base,
      metadata: { name, namespace: 'default' },
      spec: {
        ...base.spec,
        provider: 'vllm',
        vllm: {
          ...vllm,
          model: 'meta-llama/Llama-3.1-70B-Instruct',
          gpu: { type: 'nvidia-l4', count: 1 },
          architecture: { parameterCountB: '70.6', numLayers: 80, numKVHeads: 8, headDim: 128 },
        },
      },
    } as InferenceModel;
    delete huge.spec?.vllm?.quantizationProfileRef;
    await createModel(huge);
    await eventually(() => observed(name), WAIT);
    const ready = (await getModel(name)).status?.conditions?.find((c) => c.type === 'Ready');
    expect(ready).toMatchObject({ status: 'False', reason: 'InsufficientGPUMemory' });
    expect(await child('apps/v1', 'Deployment', name)).toBeUndefined();
    await event(name, 'InsufficientGPUMemory', 'Warning');
  });
});

/** Waits until the model and its children stop changing for a while (quiescence). */
async function settle(name: string, quietMs = 500): Promise<void> {
  const snapshot = async () =>
    JSON.stringify([
      (await getModel(name)).metadata?.resourceVersion,
      ...(await children(name)).map((o) => o?.metadata?.resourceVersion),
    ]);
  let last = await snapshot();
  let since = Date.now();
  await eventually(async () => {
    const now = await snapshot();
    if (now !== last) [last, since] = [now, Date.now()];
    return Date.now() - since >= quietMs;
  }, WAIT);
}
