// The operator's app.close() (what `sluice dev` and SIGTERM call) resolves only once it is done
// with the API server: a reconcile in flight has finished, the Lease is released, and no list or
// watch is left to start. Each operator reaches the test server through its own ApiDoor, which
// holds one request in flight while close() runs; the server's request log then shows that
// nothing of the operator's arrives after close() resolved.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoordinationV1Api } from '@kubernetes/client-node';
import type { InferenceModel } from '@sluice/crds';
import type { RecordedRequest } from '@sluice/kube-sim';
import { eventually, startTestCluster, uniqueName, type TestCluster } from './support/cluster.js';
import { example, modelClient, type ModelClient } from './support/models.js';
import { startInstance, type OperatorInstance } from './support/operator-instance.js';
import type { ApiDoor, HeldRequest } from './support/api-door.js';
import { installSluiceCrds } from './support/sluice-crds.js';

const TIMINGS = { leaseMs: 3000, renewMs: 2000, retryMs: 200 };
/** The token of kubeConfigFor, which every door's kubeconfig carries. */
const OPERATOR_USER = 't';
const WAIT = 15_000;
/** Long enough for a watch after a list, or a Lease renewal (retryMs), to show up if sent. */
const QUIET_MS = 3 * TIMINGS.retryMs;

let cluster: TestCluster;
let models: ModelClient;
let dir: string;
let instance: OperatorInstance | undefined;
/** The instance's app until a test closed it. */
let running: OperatorInstance | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-shutdown-'));
  cluster = await startTestCluster(undefined, { recordRequests: true });
  models = modelClient(cluster.kubeConfig);
  await installSluiceCrds(cluster.kubeConfig);
});
afterEach(async () => {
  await running?.operator.app.close();
  await instance?.door.close();
  instance = running = undefined;
});
afterAll(async () => {
  await cluster?.close();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const operatorRequests = (): readonly RecordedRequest[] =>
  cluster.server.requests?.entries({ user: OPERATOR_USER }) ?? [];
const line = (r: RecordedRequest) => `${r.verb} ${r.resource}/${r.subresource}`;

async function start(lease: string, prepare?: (door: ApiDoor) => void): Promise<OperatorInstance> {
  cluster.server.requests?.clear();
  const options = { apiServer: cluster.server.url, dir, leaseId: lease, timings: TIMINGS };
  instance = await startInstance(uniqueName('op'), prepare ? { ...options, prepare } : options);
  running = instance;
  return instance;
}

/**
 * Calls close() while `held` is in flight and checks that close() waits for it: still pending
 * after the held request had time to be the only thing left, resolved once it is released.
 * Returns how many of the operator's requests the server had seen when close() resolved.
 */
async function closeWhileHeld(operator: OperatorInstance, held: HeldRequest): Promise<number> {
  running = undefined;
  const closing = operator.operator.app.close();
  const first = await Promise.race([closing.then(() => 'closed'), sleep(QUIET_MS)]);
  expect(first).not.toBe('closed');
  held.release();
  await closing;
  return operatorRequests().length;
}

describe('operator shutdown', () => {
  it('waits for the reconcile in flight, releases the Lease, and sends nothing afterwards', async () => {
    const lease = uniqueName('sluice-op');
    const operator = await start(lease);
    await eventually(() => operator.isLeader(), WAIT);
    const held = operator.door.hold(
      (method, url) => method !== 'GET' && !url.includes('/coordination.k8s.io/'),
    );
    const name = uniqueName('llama');
    const model = example<InferenceModel>('small-llama-8b-awq.yaml');
    await models.create({ ...model, metadata: { name, namespace: 'default' } });
    await held.arrived;

    const seen = await closeWhileHeld(operator, held);
    const coordination = cluster.kubeConfig.makeApiClient(CoordinationV1Api);
    const released = await coordination.readNamespacedLease({ name: lease, namespace: 'default' });
    expect(released.spec?.holderIdentity ?? '').toBe('');
    await sleep(QUIET_MS);
    expect(operatorRequests().slice(seen).map(line)).toEqual([]);
  }, 30_000);

  it('lets a LIST in flight finish and starts no WATCH after it', async () => {
    let held: HeldRequest | undefined;
    const isModelList = (method: string, url: string): boolean =>
      method === 'GET' &&
      url.startsWith('/apis/sluice.dev/v1alpha1/inferencemodels') &&
      !/[?&]watch=(true|1)/.test(url);
    const operator = await start(uniqueName('sluice-op'), (door) => {
      held = door.hold(isModelList);
    });
    if (!held) throw new Error('the door holds no request');
    await held.arrived;

    const seen = await closeWhileHeld(operator, held);
    await sleep(QUIET_MS);
    const requests = operatorRequests().map(line);
    expect(requests.slice(seen)).toEqual([]);
    expect(requests).toContain('list inferencemodels/');
    expect(requests).not.toContain('watch inferencemodels/');
  }, 30_000);
});
