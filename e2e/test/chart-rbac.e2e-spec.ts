// The chart's ClusterRoles checked against what the built operator and API really send (the
// issue's acceptance: "the RBAC check fails when a rule is removed from the chart"). Both run as
// their pods run them, each with a token of its own, against a test server that records every
// resource request: the chart's CRDs installed, the examples applied, the operator's children
// edited behind its back, a model's autoscaler swapped, then SIGTERM. Every request must be
// granted by the chart's rules, every granted verb used (unless marked not-exercised), and
// removing any one rule must deny something the run sent.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import {
  deniedRequests,
  describePermission,
  KEDA_SCALED_OBJECT_CRD,
  readRuleFile,
  SERVICE_MONITOR_CRD,
  startKubeServer,
  unusedPermissions,
  type KubeServer,
  type RecordedRequest,
} from '@sluice/kube-sim';
import { includedRulesFile, removeEachRule } from '../src/chart/rbac-check.js';
import { readChartFile } from '../src/chart/chart-files.js';
import {
  eventually,
  exampleObjects,
  installChartCrds,
  Objects,
  ref,
} from '../src/chart/chart-cluster.js';
import { API_MAIN, freePort, Proc, requireBuilt, ROOT } from './support/processes.js';

const OPERATOR_MAIN = join(ROOT, 'operator', 'dist', 'main.js');
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const OPERATOR = 'chart-operator-token';
const API = 'chart-api-token';
const namespace = 'default';
const LLAMA = 'llama-3-1-8b-awq';
const WAIT = 30_000;

let dir: string;
let server: KubeServer;
let objects: Objects;
const running: Proc[] = [];

/** The rules the chart's ClusterRole template includes, as `helm template` would render them. */
function chartRules(template: string) {
  const file = includedRulesFile(readChartFile(join('templates', template)));
  if (!file) throw new Error(`${template} does not take its rules from a rules file`);
  return readRuleFile(readChartFile(file));
}

/** A kubeconfig for the test server whose bearer token names who sends each request. */
function kubeconfigFor(token: string): string {
  const path = join(dir, `${token}.kubeconfig`);
  const text = readFileSync(join(dir, 'kubeconfig'), 'utf8');
  writeFileSync(path, text.replace('sluice-test-token', token), { mode: 0o600 });
  return path;
}

async function start(main: string, started: string, env: NodeJS.ProcessEnv): Promise<Proc> {
  const proc = new Proc([requireBuilt(main)], { LOG_FORMAT: 'json', ...env });
  running.push(proc);
  await proc.waitFor(`"msg":"${started}"`);
  return proc;
}

async function stop(proc: Proc): Promise<void> {
  proc.child.kill('SIGTERM');
  expect((await proc.exited).code).toBe(0);
}

const requestsOf = (user: string): readonly RecordedRequest[] =>
  server.requests?.entries({ user }) ?? [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-chart-rbac-'));
  server = await startKubeServer({
    kubeconfigPath: join(dir, 'kubeconfig'),
    recordRequests: true,
    historySize: 500,
  });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(join(dir, 'kubeconfig'));
  objects = new Objects(kubeConfig);
  await installChartCrds(kubeConfig, [KEDA_SCALED_OBJECT_CRD, SERVICE_MONITOR_CRD]);
});

afterAll(async () => {
  for (const proc of running) if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type Observed = KubernetesObject & { status?: { observedGeneration?: number } };

/** Every example InferenceModel and QuantizationProfile has a status of its generation. */
async function allObserved(): Promise<boolean> {
  for (const kind of ['InferenceModel', 'QuantizationProfile']) {
    const { items } = await objects.list('sluice.dev/v1alpha1', kind, namespace);
    const current = (o: Observed) => o.status?.observedGeneration === o.metadata?.generation;
    if (items.length === 0 || !(items as Observed[]).every(current)) return false;
  }
  return true;
}

/** The example RoutingPolicy under another name. */
function apiPolicy(): KubernetesObject & { metadata: { name: string } } {
  const example = exampleObjects(join(ROOT, 'examples'), namespace).find(
    (o) => o.kind === 'RoutingPolicy',
  );
  if (!example) throw new Error('examples/ holds no RoutingPolicy');
  return { ...example, metadata: { name: 'api-status', namespace } };
}

const child = (apiVersion: string, kind: string) => ref(apiVersion, kind, LLAMA, namespace);

/** Edits a label the operator owns on a child; waits until the operator has put it back. */
async function tamperAndWaitForRepair(object: ReturnType<typeof child>): Promise<void> {
  const label = 'app.kubernetes.io/part-of';
  await objects.mergePatch(object, { metadata: { ...object.metadata, labels: { [label]: 'x' } } });
  const repaired = async () => (await objects.read(object))?.metadata?.labels?.[label] === 'sluice';
  await eventually(repaired, WAIT);
}

/** Switches the model's autoscaler; the operator creates the new one, deletes the old one. */
async function useScaler(scaler: 'hpa' | 'keda'): Promise<void> {
  await objects.mergePatch(child('sluice.dev/v1alpha1', 'InferenceModel'), {
    spec: { autoscaling: { scaler } },
  });
  const hpa = child('autoscaling/v2', 'HorizontalPodAutoscaler');
  const keda = child('keda.sh/v1alpha1', 'ScaledObject');
  const [wanted, obsolete] = scaler === 'keda' ? [keda, hpa] : [hpa, keda];
  await eventually(
    async () => !!(await objects.read(wanted)) && !(await objects.read(obsolete)),
    WAIT,
  );
}

async function fineTuneJobCreated(): Promise<boolean> {
  const { items } = await objects.list('batch/v1', 'Job', namespace);
  return items.some(
    (j) => j.metadata?.labels?.['sluice.dev/inference-model'] === 'ticket-classifier',
  );
}

/** The checks of one ClusterRole against one process's requests. */
function expectRulesFit(template: string, requests: readonly RecordedRequest[]): void {
  const { rules, notExercised } = chartRules(template);
  expect(requests.length).toBeGreaterThan(0);
  expect(deniedRequests(rules, requests)).toEqual([]);
  const unused = unusedPermissions(rules, requests).filter((p) => !notExercised.has(p.rule));
  expect(unused.map(describePermission)).toEqual([]);
  const unneeded = removeEachRule(rules, requests).filter(
    (removal) => removal.denied.length === 0 && !notExercised.has(removal.index),
  );
  expect(unneeded).toEqual([]);
}

describe("the chart's ClusterRoles", () => {
  it('grant the API what it sends, no more, and each rule is needed', async () => {
    // A policy of its own (the operator's run below applies the examples): the API writes its
    // status, as the holder of its Lease.
    const policy = apiPolicy();
    await objects.create(policy);
    const api = await start(API_MAIN, 'API started', {
      KUBECONFIG: kubeconfigFor(API),
      DATABASE_URL,
      REDIS_URL,
      API_GRPC_ADDR: `127.0.0.1:${await freePort()}`,
      API_HTTP_ADDR: `127.0.0.1:${await freePort()}`,
    });
    const watched = () =>
      new Set(
        requestsOf(API)
          .filter((r) => r.verb === 'watch')
          .map((r) => r.resource),
      );
    // The three sluice.dev kinds and the ConfigMaps holding router models.
    await eventually(() => watched().size === 4, WAIT);
    await eventually(async () => !!((await objects.read(policy)) as Observed)?.status, WAIT);
    // The leader renews its Lease (an update) every 2 s; SIGTERM also releases it.
    await stop(api);
    expectRulesFit('api-clusterrole.yaml', requestsOf(API));
  }, 60_000);

  it('grant the operator what a whole run sends, no more, and each rule is needed', async () => {
    const operator = await start(OPERATOR_MAIN, 'Operator started', {
      KUBECONFIG: kubeconfigFor(OPERATOR),
      OPERATOR_HTTP_ADDR: `127.0.0.1:${await freePort()}`,
      LEADER_ELECTION: 'true',
      LEADER_ELECTION_NAMESPACE: namespace,
      POD_NAME: 'sluice-operator-0',
    });
    for (const object of exampleObjects(join(ROOT, 'examples'), namespace))
      await objects.create(object);
    await eventually(allObserved, WAIT);
    await eventually(fineTuneJobCreated, WAIT);
    const children = [
      child('apps/v1', 'Deployment'),
      child('v1', 'Service'),
      child('policy/v1', 'PodDisruptionBudget'),
      child('autoscaling/v2', 'HorizontalPodAutoscaler'),
      child('monitoring.coreos.com/v1', 'ServiceMonitor'),
    ];
    // Twice: a second "Updated" Event of the same kind patches the first one's series.
    for (const object of [...children, ...children]) await tamperAndWaitForRepair(object);
    await useScaler('keda');
    await tamperAndWaitForRepair(child('keda.sh/v1alpha1', 'ScaledObject'));
    await useScaler('hpa');
    await stop(operator); // releases the Lease
    expectRulesFit('operator-clusterrole.yaml', requestsOf(OPERATOR));
  }, 180_000);

  // Uses the requests recorded by the operator run above.
  it('fail the check when any one rule is removed (shown for the Lease rule)', () => {
    const { rules } = chartRules('operator-clusterrole.yaml');
    expect(requestsOf(OPERATOR).length).toBeGreaterThan(0);
    const lease = rules.findIndex((r) => r.resources?.includes('leases'));
    const removals = removeEachRule(rules, requestsOf(OPERATOR));
    expect(removals[lease]?.denied).toEqual([
      'create coordination.k8s.io/leases',
      'get coordination.k8s.io/leases',
      'update coordination.k8s.io/leases',
    ]);
  });
});
