// Two full operator processes (LEADER_ELECTION=true, distinct POD_NAMEs) against one
// Kubernetes-API test server, each through its own ApiDoor so their writes can be told apart:
// only the Lease holder writes; a graceful stop hands over at once and the new leader converges
// without rewriting anything, then reconciles later changes; a leader cut off from the API (it
// can neither renew nor release) steps down and exits, and the other takes over once the Lease
// lapses. Throughout, the two are never leading at the same time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoordinationV1Api, type KubernetesObject } from '@kubernetes/client-node';
import type { InferenceModel } from '@sluice/crds';
import { exitProcess } from '../src/kube/controller-manager.js';
import { eventually, startTestCluster, uniqueName, type TestCluster } from './support/cluster.js';
import { example, modelClient, settled, vllmArg, type ModelClient } from './support/models.js';
import {
  isReady,
  objectWrites,
  reconciles,
  startInstance,
  type OperatorInstance,
} from './support/operator-instance.js';
import { installSluiceCrds } from './support/sluice-crds.js';

const TIMINGS = { leaseMs: 3000, renewMs: 2000, retryMs: 500 };
const WAIT = 15_000;

let cluster: TestCluster;
let models: ModelClient;
let dir: string;
const running: OperatorInstance[] = [];
const exits: number[] = [];
const realExit = exitProcess.exit;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-two-operators-'));
  cluster = await startTestCluster();
  models = modelClient(cluster.kubeConfig);
  await installSluiceCrds(cluster.kubeConfig);
  const profile = example<KubernetesObject>('quantization-profiles.yaml', 'awq-int4');
  await models.objects.create({ ...profile, metadata: { name: 'awq-int4', namespace: 'default' } });
  // A leader that loses its Lease exits 1 so Kubernetes restarts it; here, we record it.
  exitProcess.exit = (code) => void exits.push(code);
});
afterEach(async () => {
  clearInterval(watcher);
  const stopping = running.splice(0).map(async (i) => {
    await i.operator.app.close().catch(() => undefined);
    await i.door.close();
  });
  await Promise.all(stopping);
});
afterAll(async () => {
  exitProcess.exit = realExit;
  await cluster?.close();
  rmSync(dir, { recursive: true, force: true });
});

const holder = async (lease: string): Promise<string | undefined> => {
  const coordination = cluster.kubeConfig.makeApiClient(CoordinationV1Api);
  const read = coordination.readNamespacedLease({ name: lease, namespace: 'default' });
  return (await read.catch(() => undefined))?.spec?.holderIdentity;
};

interface Pair {
  readonly leader: OperatorInstance;
  readonly follower: OperatorInstance;
  readonly lease: string;
}

/** Starts two instances at once, as a rollout does; resolves once one leads and both are ready. */
async function startPair(): Promise<Pair> {
  const lease = uniqueName('sluice-op');
  const options = { apiServer: cluster.server.url, dir, leaseId: lease, timings: TIMINGS };
  const pair = await Promise.all(
    [uniqueName('op-a'), uniqueName('op-b')].map((name) => startInstance(name, options)),
  );
  running.push(...pair);
  const [a, b] = pair as [OperatorInstance, OperatorInstance];
  await eventually(async () => [a.name, b.name].includes((await holder(lease)) ?? ''), WAIT);
  await eventually(async () => (await isReady(a)) && (await isReady(b)), WAIT);
  const [leader, follower] = (await holder(lease)) === a.name ? [a, b] : [b, a];
  expect([leader.isLeader(), follower.isLeader()]).toEqual([true, false]);
  watchForTwoLeaders(leader, follower);
  return { leader, follower, lease };
}

let overlaps = 0;
let watcher: ReturnType<typeof setInterval> | undefined;
/** Counts moments in which both instances believe they lead (split brain), until the test ends. */
function watchForTwoLeaders(a: OperatorInstance, b: OperatorInstance): void {
  overlaps = 0;
  watcher = setInterval(() => {
    if (a.isLeader() && b.isLeader()) overlaps++;
  }, 10);
}

/** Creates an example model and waits until the leader has reconciled it and all is quiet. */
async function reconciledModel(): Promise<string> {
  const name = uniqueName('llama');
  const model = example<InferenceModel>('small-llama-8b-awq.yaml');
  await models.create({ ...model, metadata: { name, namespace: 'default' } });
  await eventually(async () => (await models.deployment(name)) !== undefined, WAIT);
  await eventually(() => models.observed(name), WAIT);
  await settled(() => snapshot(name));
  return name;
}

/** resourceVersions of the model and every child: unchanged means nothing was written. */
async function snapshot(name: string): Promise<string> {
  const kinds = [
    ['apps/v1', 'Deployment'],
    ['v1', 'Service'],
    ['autoscaling/v2', 'HorizontalPodAutoscaler'],
    ['policy/v1', 'PodDisruptionBudget'],
  ] as const;
  const children = await Promise.all(kinds.map(([v, k]) => models.child(v, k, name)));
  const model = await models.get(name);
  return JSON.stringify([model, ...children].map((o) => o?.metadata?.resourceVersion));
}

/** Changes the batching and waits until the Deployment runs it. */
async function rollMaxNumSeqs(name: string, value: number): Promise<void> {
  await models.patch(name, { spec: { vllm: { batching: { maxNumSeqs: value } } } });
  await eventually(
    async () => vllmArg(await models.deployment(name), '--max-num-seqs') === String(value),
    WAIT,
  );
  await eventually(() => models.observed(name), WAIT);
}

/** The writes an instance sent about one model: its children (by name) and its status. */
const writesAbout = (instance: OperatorInstance, name: string): string[] =>
  objectWrites(instance).filter((w) => w.includes(`/${name}?`) || w.includes(`/${name}/`));

describe('two operator processes with leader election', () => {
  beforeEach(() => {
    exits.length = 0;
  });

  it('only the Lease holder writes; on a graceful stop the other leads at once', async () => {
    const { leader, follower, lease } = await startPair();
    const name = await reconciledModel();

    expect(await reconciles(leader)).toBeGreaterThan(0);
    expect(objectWrites(leader)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^POST \/apis\/apps\/v1\/namespaces\/default\/deployments(\?|$)/),
        expect.stringContaining(
          `PATCH /apis/sluice.dev/v1alpha1/namespaces/default/inferencemodels/${name}/status`,
        ),
      ]),
    );
    // The follower has informers (warm caches) but reconciled nothing and wrote nothing.
    expect(await reconciles(follower)).toBe(0);
    expect(objectWrites(follower)).toEqual([]);
    const before = await snapshot(name);

    running.splice(running.indexOf(leader), 1);
    await leader.operator.app.close();
    await leader.door.close();
    // Released on shutdown: the follower takes it on its next retry, well within a lease.
    await eventually(async () => (await holder(lease)) === follower.name, TIMINGS.leaseMs);
    expect(follower.isLeader()).toBe(true);
    // It reconciles what it cached while following, and finds nothing to change: no duplicates,
    // no rewrites (the same resourceVersions).
    await eventually(async () => (await reconciles(follower)) > 0, WAIT);
    expect(await settled(() => snapshot(name))).toBe(before);
    expect(objectWrites(follower)).toEqual([]);

    await rollMaxNumSeqs(name, 64);
    expect(writesAbout(follower, name)).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`PATCH /apis/apps/v1/namespaces/default/deployments/${name}?`),
      ]),
    );
    expect(overlaps).toBe(0);
  });

  it('a leader cut off from the API steps down; the other leads once the Lease ends', async () => {
    const { leader, follower, lease } = await startPair();
    const name = await reconciledModel();

    // A partition (or a hung process): the leader can neither renew nor release its Lease.
    leader.door.cut();
    // Its last renew was at most a retry period before the cut, so the Lease lapses within a
    // lease duration of the cut, and the follower notices on its next retry (one more retry of
    // slack for a busy machine).
    const takeover = TIMINGS.leaseMs + 2 * TIMINGS.retryMs;
    await eventually(async () => (await holder(lease)) === follower.name, takeover);
    // The old leader gave up at its renew deadline, before the Lease lapsed for the other, and
    // exits 1 so that Kubernetes restarts it.
    expect(leader.isLeader()).toBe(false);
    await eventually(() => exits.includes(1), WAIT);
    const record = await cluster.kubeConfig
      .makeApiClient(CoordinationV1Api)
      .readNamespacedLease({ name: lease, namespace: 'default' });
    expect(record.spec).toMatchObject({ holderIdentity: follower.name, leaseTransitions: 1 });

    await rollMaxNumSeqs(name, 32);
    expect(writesAbout(follower, name)).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`PATCH /apis/apps/v1/namespaces/default/deployments/${name}?`),
      ]),
    );
    expect(overlaps).toBe(0);
  });
});
