// Events have their own path (EventRecorder): while a storm of Events waits for the Event
// client's own rate limiter, an InferenceModel still gets its children at once, and its Events
// appear once the backlog drained.
import { EventsV1Api, KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import type { InferenceModel } from '@sluice/crds';
import type { RunningOperator } from '../src/bootstrap.js';
import { EventRecorder } from '../src/runtime/index.js';
import { eventually, startTestCluster, uniqueName, type TestCluster } from './support/cluster.js';
import { example, modelClient, type ModelClient } from './support/models.js';
import { installSluiceCrds } from './support/sluice-crds.js';
import { startTestOperator } from './support/test-operator.js';

const EVENT_QPS = 4;
const STORM = 60; // 15 s of Event writes at EVENT_QPS, far longer than the children take.

let cluster: TestCluster;
let operator: RunningOperator;
let models: ModelClient;

beforeAll(async () => {
  cluster = await startTestCluster();
  await installSluiceCrds(cluster.kubeConfig);
  const objects = KubernetesObjectApi.makeApiClient(cluster.kubeConfig);
  const profile = example('quantization-profiles.yaml', 'awq-int4');
  await objects.create({ ...profile, metadata: { name: 'awq-int4', namespace: 'default' } });
  models = modelClient(cluster.kubeConfig);
  operator = await startTestOperator(cluster.kubeconfigPath, {
    KUBE_EVENT_QPS: String(EVENT_QPS),
    KUBE_EVENT_BURST: '1',
  });
});
afterAll(async () => {
  await operator?.app.close();
  await cluster?.close();
});

/** Distinct objects, so neither the series nor the per-object spam filter folds the storm. */
const stormObject = (i: number): KubernetesObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: `storm-${i}`, namespace: 'default', uid: `storm-uid-${i}` },
});

const eventsAbout = async (name: string) => {
  const list = await cluster.kubeConfig
    .makeApiClient(EventsV1Api)
    .listNamespacedEvent({ namespace: 'default' });
  return list.items.filter((e) => e.regarding?.name === name);
};

describe('an Event storm', () => {
  it('does not hold up the writes of a reconcile, and the Events still arrive', async () => {
    const recorder = operator.app.get(EventRecorder);
    for (let i = 0; i < STORM; i++)
      recorder.record(stormObject(i), { type: 'Normal', reason: 'Storm', action: 'T', note: 'n' });
    const name = uniqueName('llama');
    const model = example<InferenceModel>('small-llama-8b-awq.yaml');
    await models.create({ ...model, metadata: { name, namespace: 'default' } });
    await eventually(async () => (await models.deployment(name)) !== undefined, 10_000);
    await eventually(() => models.observed(name), 10_000);
    // The storm is still waiting for the Event limiter: the reconcile did not wait behind it.
    expect(recorder.stats().queued).toBeGreaterThan(0);
    await eventually(
      async () => (await eventsAbout(name)).some((e) => e.reason === 'Created'),
      STORM * (1000 / EVENT_QPS) + 10_000,
    );
    expect(recorder.stats()).toMatchObject({ droppedQueueFull: 0, failed: 0 });
  }, 60_000);
});
