// Optional APIs through the whole operator against the Kubernetes-API test server: a model asking
// for KEDA before KEDA's CRD exists gets an HPA and Degraded=KEDANotInstalled; once the CRDs of
// KEDA and the Prometheus Operator are installed and discovery sees them, it gets a ScaledObject
// (the HPA is deleted) and a ServiceMonitor. Children edited or deleted by hand are restored, and
// a reconcile with nothing to change sends no request at all (the test server records them).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { parse, parseAllDocuments } from 'yaml';
import { INFERENCE_MODEL, type InferenceModel } from '@sluice/crds';
import {
  KEDA_SCALED_OBJECT_CRD,
  SERVICE_MONITOR_CRD,
  startKubeServer,
  type KubeServer,
} from '@sluice/kube-sim';
import type { RunningOperator } from '../src/bootstrap.js';
import { startTestOperator } from './support/test-operator.js';
import { mergePatch, objectRef, readObject } from './support/objects.js';
import { ClusterCapabilities } from '../src/kube/cluster-capabilities.js';
import { installSluiceCrds, repoRoot } from './support/sluice-crds.js';
import { eventually, uniqueName } from './support/cluster.js';

const OPERATOR_TOKEN = 'sluice-operator-capabilities';
const namespace = 'default';
const WAIT = 15_000;

let dir: string;
let server: KubeServer;
let objects: KubernetesObjectApi;
let custom: CustomObjectsApi;
let operator: RunningOperator;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-capabilities-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  server = await startKubeServer({ kubeconfigPath, recordRequests: true, historySize: 500 });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(kubeconfigPath);
  objects = KubernetesObjectApi.makeApiClient(kubeConfig);
  custom = kubeConfig.makeApiClient(CustomObjectsApi);
  // The operator's own token tells its requests apart from the test's in the request log.
  const operatorKubeconfig = join(dir, 'operator-kubeconfig');
  const text = readFileSync(kubeconfigPath, 'utf8').replace('sluice-test-token', OPERATOR_TOKEN);
  writeFileSync(operatorKubeconfig, text, { mode: 0o600 });
  await installSluiceCrds(kubeConfig);
  const profiles = readFileSync(join(repoRoot, 'examples', 'quantization-profiles.yaml'), 'utf8');
  const awq = parseAllDocuments(profiles)
    .map((doc) => doc.toJS() as KubernetesObject)
    .find((p) => p.metadata?.name === 'awq-int4');
  await objects.create({ ...awq, metadata: { name: 'awq-int4', namespace } });
  operator = await startTestOperator(operatorKubeconfig);
});
afterAll(async () => {
  await operator?.app.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const ref = (apiVersion: string, kind: string, name: string) =>
  objectRef(namespace, apiVersion, kind, name);
const read = (object: KubernetesObject) => readObject(objects, object);
const patch = (object: KubernetesObject, body: object) => mergePatch(objects, object, body);

const getModel = async (name: string): Promise<InferenceModel> =>
  (await custom.getNamespacedCustomObject({
    ...INFERENCE_MODEL,
    namespace,
    name,
  })) as InferenceModel;
const degraded = async (name: string) =>
  (await getModel(name)).status?.conditions?.find((c) => c.type === 'Degraded');

/** Reconciles done by the operator, from its own /metrics. */
async function reconciles(): Promise<number> {
  const text = await (await fetch(`${operator.httpUrl}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => /^sluice_operator_reconcile_total\{.*controller="inferencemodel"/.test(line))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

/** The operator's requests other than its long-running watches. */
const operatorRequests = () =>
  (server.requests?.entries({ user: OPERATOR_TOKEN }) ?? []).filter((r) => r.verb !== 'watch');

describe('optional APIs (KEDA, Prometheus Operator)', () => {
  const name = uniqueName('keda');
  const hpa = ref('autoscaling/v2', 'HorizontalPodAutoscaler', name);
  const scaledObject = ref('keda.sh/v1alpha1', 'ScaledObject', name);
  const serviceMonitor = ref('monitoring.coreos.com/v1', 'ServiceMonitor', name);

  it('without KEDA: an HPA scales a model that asks for KEDA, and it reports KEDANotInstalled', async () => {
    const example = parse(
      readFileSync(join(repoRoot, 'examples', 'small-llama-8b-awq.yaml'), 'utf8'),
    ) as InferenceModel;
    const spec = { ...example.spec, autoscaling: { ...example.spec?.autoscaling, scaler: 'keda' } };
    await custom.createNamespacedCustomObject({
      ...INFERENCE_MODEL,
      namespace,
      body: { ...example, metadata: { name, namespace }, spec },
    });
    await eventually(async () => (await degraded(name))?.reason === 'KEDANotInstalled', WAIT);
    expect(await degraded(name)).toMatchObject({ status: 'True' });
    await eventually(async () => (await read(hpa)) !== undefined, WAIT);
  });

  it('sends no request at all when a reconcile has nothing to change', async () => {
    await eventually(async () => (await read(ref('v1', 'Service', name))) !== undefined, WAIT);
    await quiet();
    const sent = operatorRequests().length;
    expect(sent).toBeGreaterThan(0); // the log does hold the operator's requests
    const before = await reconciles();
    await patch(ref('sluice.dev/v1alpha1', 'InferenceModel', name), {
      metadata: { name, namespace, labels: { touched: 'yes' } },
    });
    await eventually(async () => (await reconciles()) > before, WAIT);
    await quiet();
    expect(operatorRequests().slice(sent)).toEqual([]);
  });

  it('once the CRDs exist: a ScaledObject replaces the HPA, and a ServiceMonitor appears', async () => {
    const crds = {
      group: 'apiextensions.k8s.io',
      version: 'v1',
      plural: 'customresourcedefinitions',
    };
    for (const body of [KEDA_SCALED_OBJECT_CRD, SERVICE_MONITOR_CRD])
      await custom.createClusterCustomObject({ ...crds, body });
    // What the periodic discovery (every CAPABILITY_RECHECK_MS) does, without waiting a minute.
    expect(await operator.app.get(ClusterCapabilities).refresh()).toBe(true);
    await eventually(async () => (await read(scaledObject)) !== undefined, WAIT);
    await eventually(async () => (await read(hpa)) === undefined, WAIT);
    await eventually(async () => (await read(serviceMonitor)) !== undefined, WAIT);
    await eventually(async () => (await degraded(name))?.status === 'False', WAIT);
    const owner = (await read(scaledObject))?.metadata?.ownerReferences?.[0];
    expect(owner).toMatchObject({ kind: 'InferenceModel', name, controller: true });
  });

  it('restores children edited or deleted by hand', async () => {
    const before = await read(serviceMonitor);
    await objects.delete(serviceMonitor);
    await eventually(async () => {
      const now = await read(serviceMonitor);
      return now !== undefined && now.metadata?.uid !== before?.metadata?.uid;
    }, WAIT);
    const maxReplicas = (o?: KubernetesObject) =>
      (o as { spec?: { maxReplicaCount?: number } } | undefined)?.spec?.maxReplicaCount;
    await patch(scaledObject, { metadata: { name, namespace }, spec: { maxReplicaCount: 99 } });
    await eventually(async () => maxReplicas(await read(scaledObject)) === 4, WAIT);
    await objects.delete(ref('policy/v1', 'PodDisruptionBudget', name));
    await eventually(
      async () => (await read(ref('policy/v1', 'PodDisruptionBudget', name))) !== undefined,
      WAIT,
    );
  });

  it('when KEDA is uninstalled: back to an HPA and KEDANotInstalled, without a restart', async () => {
    await custom.deleteClusterCustomObject({
      group: 'apiextensions.k8s.io',
      version: 'v1',
      plural: 'customresourcedefinitions',
      name: 'scaledobjects.keda.sh',
    });
    expect(await operator.app.get(ClusterCapabilities).refresh()).toBe(true);
    await eventually(async () => (await read(hpa)) !== undefined, WAIT);
    await eventually(async () => (await degraded(name))?.reason === 'KEDANotInstalled', WAIT);
    expect(await read(serviceMonitor)).toBeDefined();
  });
});

/** Waits until the operator has sent nothing for a while (quiescence). */
async function quiet(quietMs = 500): Promise<void> {
  let count = operatorRequests().length;
  let since = Date.now();
  await eventually(() => {
    const now = operatorRequests().length;
    if (now !== count) [count, since] = [now, Date.now()];
    return Date.now() - since >= quietMs;
  }, WAIT);
}
