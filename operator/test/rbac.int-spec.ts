// The operator's RBAC rules (charts/sluice/files/operator-rbac-rules.yaml, which the chart's
// ClusterRole includes) checked against what a whole operator run really sends: the test server
// records every resource request with the operator's own token, while the operator elects a
// leader, reconciles every example (with KEDA's and the Prometheus Operator's CRDs installed, so
// their code paths run), repairs children someone edited, swaps a model's autoscaler, and shuts
// down. Every request must be granted, and every granted verb used (or marked not-exercised).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import {
  deniedRequests,
  describePermission,
  readRuleFile,
  startKubeServer,
  unusedPermissions,
  type KubeServer,
  KEDA_SCALED_OBJECT_CRD,
  SERVICE_MONITOR_CRD,
} from '@sluice/kube-sim';
import type { RunningOperator } from '../src/bootstrap.js';
import { startTestOperator } from './support/test-operator.js';
import { mergePatch, objectRef, readObject } from './support/objects.js';
import { installSluiceCrds, repoRoot } from './support/sluice-crds.js';
import { eventually } from './support/cluster.js';

const OPERATOR_TOKEN = 'sluice-operator-under-test';
const RULES = join(repoRoot, 'charts', 'sluice', 'files', 'operator-rbac-rules.yaml');
const namespace = 'default';
const LLAMA = 'llama-3-1-8b-awq';
const WAIT = 20_000;

let dir: string;
let server: KubeServer;
let objects: KubernetesObjectApi;
let custom: CustomObjectsApi;
let operator: RunningOperator | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-rbac-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  server = await startKubeServer({ kubeconfigPath, recordRequests: true, historySize: 500 });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(kubeconfigPath);
  objects = KubernetesObjectApi.makeApiClient(kubeConfig);
  custom = kubeConfig.makeApiClient(CustomObjectsApi);
  // The operator gets a token of its own, so its requests are told apart from the test's.
  const operatorKubeconfig = join(dir, 'operator-kubeconfig');
  const text = readFileSync(kubeconfigPath, 'utf8').replace('sluice-test-token', OPERATOR_TOKEN);
  writeFileSync(operatorKubeconfig, text, { mode: 0o600 });
  await installSluiceCrds(kubeConfig);
  for (const crd of [KEDA_SCALED_OBJECT_CRD, SERVICE_MONITOR_CRD]) {
    const crds = {
      group: 'apiextensions.k8s.io',
      version: 'v1',
      plural: 'customresourcedefinitions',
    };
    await custom.createClusterCustomObject({ ...crds, body: crd });
  }
  operator = await startTestOperator(operatorKubeconfig, {
    LEADER_ELECTION: 'true',
    LEADER_ELECTION_NAMESPACE: namespace,
  });
});
afterAll(async () => {
  await operator?.app.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Every object of examples/*.yaml, as `kubectl apply -f examples/` creates them. */
function examples(): KubernetesObject[] {
  const files = readdirSync(join(repoRoot, 'examples')).filter((f) => f.endsWith('.yaml'));
  return files.sort().flatMap((file) =>
    parseAllDocuments(readFileSync(join(repoRoot, 'examples', file), 'utf8'))
      .map((doc) => doc.toJS() as KubernetesObject)
      .filter((o) => o?.kind)
      .map((o) => ({ ...o, metadata: { ...o.metadata, namespace } })),
  );
}

const ref = (apiVersion: string, kind: string, name: string) =>
  objectRef(namespace, apiVersion, kind, name);
const read = (object: KubernetesObject) => readObject(objects, object);
const patch = (object: KubernetesObject, body: object) => mergePatch(objects, object, body);

/** Every example InferenceModel and QuantizationProfile has a status of its current generation. */
async function allObserved(): Promise<boolean> {
  for (const plural of ['inferencemodels', 'quantizationprofiles']) {
    const list = (await custom.listNamespacedCustomObject({
      group: 'sluice.dev',
      version: 'v1alpha1',
      plural,
      namespace,
    })) as { items: Array<KubernetesObject & { status?: { observedGeneration?: number } }> };
    if (list.items.length === 0) return false;
    const behind = list.items.filter(
      (o) => o.status?.observedGeneration !== o.metadata?.generation,
    );
    if (behind.length > 0) return false;
  }
  return true;
}

/** Edits a label the operator sets on a child, and waits until the operator put it back. */
async function tamperAndWaitForRepair(child: KubernetesObject): Promise<void> {
  const label = 'app.kubernetes.io/part-of';
  await patch(child, { metadata: { ...child.metadata, labels: { [label]: 'tampered' } } });
  await eventually(async () => (await read(child))?.metadata?.labels?.[label] === 'sluice', WAIT);
}

async function fineTuneJob(): Promise<KubernetesObject> {
  let job: KubernetesObject | undefined;
  await eventually(async () => {
    const list = await objects.list('batch/v1', 'Job', namespace);
    job = list.items.find(
      (j) => j.metadata?.labels?.['sluice.dev/inference-model'] === 'ticket-classifier',
    );
    return job !== undefined;
  }, WAIT);
  return ref('batch/v1', 'Job', job?.metadata?.name ?? '');
}

async function useScaler(scaler: 'hpa' | 'keda'): Promise<void> {
  const model = ref('sluice.dev/v1alpha1', 'InferenceModel', LLAMA);
  await patch(model, { spec: { autoscaling: { scaler } } });
  const hpa = ref('autoscaling/v2', 'HorizontalPodAutoscaler', LLAMA);
  const scaled = ref('keda.sh/v1alpha1', 'ScaledObject', LLAMA);
  const [wanted, obsolete] = scaler === 'keda' ? [scaled, hpa] : [hpa, scaled];
  await eventually(async () => !!(await read(wanted)) && !(await read(obsolete)), WAIT);
}

describe('operator RBAC rules', () => {
  it('grant every request a whole operator run sends, and nothing it never sends', async () => {
    for (const object of examples()) await objects.create(object);
    await eventually(allObserved, WAIT);
    // The fine-tune Job is created and never patched (its template is immutable).
    await fineTuneJob();
    const children = [
      ref('apps/v1', 'Deployment', LLAMA),
      ref('v1', 'Service', LLAMA),
      ref('policy/v1', 'PodDisruptionBudget', LLAMA),
      ref('autoscaling/v2', 'HorizontalPodAutoscaler', LLAMA),
      ref('monitoring.coreos.com/v1', 'ServiceMonitor', LLAMA),
    ];
    // Twice: the second "Updated" Event of a kind patches the first one's series.
    for (const child of [...children, ...children]) await tamperAndWaitForRepair(child);
    await useScaler('keda');
    await tamperAndWaitForRepair(ref('keda.sh/v1alpha1', 'ScaledObject', LLAMA));
    await useScaler('hpa');
    await operator?.app.close(); // releases the Lease
    operator = undefined;

    const requests = server.requests?.entries({ user: OPERATOR_TOKEN }) ?? [];
    const { rules, notExercised } = readRuleFile(readFileSync(RULES, 'utf8'));
    expect(deniedRequests(rules, requests)).toEqual([]);
    const unused = unusedPermissions(rules, requests).filter((p) => !notExercised.has(p.rule));
    expect(unused.map(describePermission)).toEqual([]);
  }, 120_000);
});
