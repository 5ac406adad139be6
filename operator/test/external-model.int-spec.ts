// The whole operator against the Kubernetes-API test server with an external (hosted) model from
// examples/frontier-external.yaml: without its API-key Secret it is Ready=False with the planner's
// reason and runs nothing; once the Secret exists it turns Ready on the reconciler's own recheck
// (Secrets are not watched); its status is exactly the planner's; a reconcile writes nothing more.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ApiException,
  CustomObjectsApi,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { INFERENCE_MODEL, type InferenceModel } from '@sluice/crds';
import type { RunningOperator } from '../src/bootstrap.js';
import { startTestOperator } from './support/test-operator.js';
import { planInferenceModel } from '../src/controllers/inferencemodel/plan/plan.js';
import { installSluiceCrds, repoRoot } from './support/sluice-crds.js';
import { eventually, startTestCluster, uniqueName, type TestCluster } from './support/cluster.js';

let cluster: TestCluster;
let operator: RunningOperator;
let custom: CustomObjectsApi;
let objects: KubernetesObjectApi;
const WAIT = 15_000;

beforeAll(async () => {
  cluster = await startTestCluster();
  custom = cluster.kubeConfig.makeApiClient(CustomObjectsApi);
  objects = KubernetesObjectApi.makeApiClient(cluster.kubeConfig);
  await installSluiceCrds(cluster.kubeConfig);
  operator = await startTestOperator(cluster.kubeconfigPath);
});
afterAll(async () => {
  await operator?.app.close();
  await cluster?.close();
});

const where = (name: string) => ({ ...INFERENCE_MODEL, namespace: 'default', name });
const getModel = async (name: string): Promise<InferenceModel> =>
  (await custom.getNamespacedCustomObject(where(name))) as InferenceModel;
const ready = async (name: string) =>
  (await getModel(name)).status?.conditions?.find((c) => c.type === 'Ready');

/** A document of examples/frontier-external.yaml by kind. */
function exampleDocument<T extends KubernetesObject>(kind: string): T {
  const text = readFileSync(join(repoRoot, 'examples', 'frontier-external.yaml'), 'utf8');
  const found = parseAllDocuments(text)
    .map((doc) => doc.toJS() as T)
    .find((doc) => doc.kind === kind);
  if (!found) throw new Error(`examples/frontier-external.yaml has no ${kind}`);
  return found;
}

/** The example's external model, renamed, naming its own Secret. */
function externalModel(name: string, secret: string): InferenceModel {
  const model = exampleDocument<InferenceModel & KubernetesObject>('InferenceModel');
  if (!model.spec?.external) throw new Error('the example model is not external');
  model.spec.external.apiKeySecretRef = { name: secret, key: 'api-key' };
  return { ...model, metadata: { name, namespace: 'default' } };
}

async function read(apiVersion: string, kind: string, name: string) {
  try {
    return await objects.read({ apiVersion, kind, metadata: { name, namespace: 'default' } });
  } catch (error) {
    if (error instanceof ApiException && error.code === 404) return undefined;
    throw error;
  }
}

/** Reconciles done by the operator, from its own /metrics. */
async function reconciles(): Promise<number> {
  const text = await (await fetch(`${operator.httpUrl}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => /^sluice_operator_reconcile_total\{.*controller="inferencemodel"/.test(line))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

describe('an external InferenceModel', () => {
  const name = uniqueName('gpt');
  const secret = uniqueName('key');

  it('is Ready=False with SecretNotFound, and runs nothing, while its Secret is missing', async () => {
    await custom.createNamespacedCustomObject({
      ...INFERENCE_MODEL,
      namespace: 'default',
      body: externalModel(name, secret),
    });
    await eventually(async () => (await ready(name))?.reason === 'SecretNotFound', WAIT);
    expect(await ready(name)).toMatchObject({ status: 'False' });
    expect((await getModel(name)).status?.phase).toBe('Failed');
    expect(await read('apps/v1', 'Deployment', name)).toBeUndefined();
    expect(await read('v1', 'Service', name)).toBeUndefined();
  });

  it('turns Ready once the Secret is created, with the status the planner gives', async () => {
    // The example's own Secret (stringData, as `kubectl apply -f examples/` sends it), renamed.
    const body = exampleDocument('Secret');
    await objects.create({ ...body, metadata: { name: secret, namespace: 'default' } });
    // Found on the reconciler's recheck (secret-recheck.ts: after 1 s, then as long as missing).
    await eventually(async () => (await ready(name))?.status === 'True', WAIT);
    const model = await getModel(name);
    expect(model.status).toMatchObject({
      phase: 'Ready',
      endpoint: 'https://api.openai.com/v1',
      servedModelName: 'gpt-4o',
      tokenPricesPer1MUSD: '2.50/10.00',
    });
    // What is stored is what the planner would write for this model now: nothing left to change.
    const plan = planInferenceModel({
      model,
      capabilities: { keda: false, serviceMonitor: false },
      observed: { secretFound: true },
      now: new Date().toISOString(),
    });
    expect(plan.statusChanged).toBe(false);
    // The ledger reads the prices from the spec; the status only shows them ($/1M-TOKENS).
    expect(model.spec?.pricing).toEqual({
      inputPer1M: '2.50',
      cachedInputPer1M: '1.25',
      outputPer1M: '10.00',
    });
  });

  it('writes nothing on a reconcile with nothing to change', async () => {
    const before = await reconciles();
    const options = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
    const body = { metadata: { labels: { touched: 'yes' } } };
    const touched = (await custom.patchNamespacedCustomObject(
      { ...where(name), body },
      options,
    )) as InferenceModel;
    await eventually(async () => (await reconciles()) > before, WAIT);
    // Another reconcile could only follow a write; give one the time to show up.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const model = await getModel(name);
    expect(model.metadata?.resourceVersion).toBe(touched.metadata?.resourceVersion);
    expect(await read('apps/v1', 'Deployment', name)).toBeUndefined();
  });
});
