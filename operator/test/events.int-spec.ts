import {
  KubernetesObjectApi,
  type KubernetesListObject,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { EventRecorder } from '../src/runtime/index.js';
import { startTestCluster, uniqueName, type TestCluster } from './support/cluster.js';

let cluster: TestCluster;
let client: KubernetesObjectApi;

beforeAll(async () => {
  cluster = await startTestCluster();
  client = KubernetesObjectApi.makeApiClient(cluster.kubeConfig);
});
afterAll(() => cluster.close());

type Event = KubernetesObject & {
  reason?: string;
  note?: string;
  type?: string;
  reportingController?: string;
  regarding?: { kind?: string; name?: string; uid?: string };
  series?: { count: number };
};

const eventsAbout = async (name: string): Promise<Event[]> => {
  const list: KubernetesListObject<Event> = await client.list(
    'events.k8s.io/v1',
    'Event',
    'default',
  );
  return list.items.filter((e) => e.regarding?.name === name);
};

describe('EventRecorder against the Kubernetes-API test server', () => {
  it('records an event about an object and aggregates repeats into a series', async () => {
    const name = uniqueName('cm');
    const object: KubernetesObject = await client.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: 'default' },
    });
    const recorder = new EventRecorder({
      client,
      reportingController: 'sluice-operator',
      reportingInstance: 'test-1',
    });
    const event = {
      type: 'Normal',
      reason: 'Configured',
      action: 'Apply',
      note: 'Configured it',
    } as const;
    recorder.record(object, event);
    recorder.record(object, event);
    recorder.record(object, event);
    recorder.record(object, {
      ...event,
      type: 'Warning',
      reason: 'Failed',
      note: 'It failed',
    });
    await recorder.flush();
    const events = await eventsAbout(name);
    expect(events).toHaveLength(2);
    expect(events.find((e) => e.reason === 'Configured')).toMatchObject({
      type: 'Normal',
      note: 'Configured it',
      reportingController: 'sluice-operator',
      regarding: { kind: 'ConfigMap', name, uid: object.metadata?.uid },
      series: { count: 3 },
    });
    expect(events.find((e) => e.reason === 'Failed')?.type).toBe('Warning');
  });

  it('never throws when the event cannot be written', async () => {
    const warnings: string[] = [];
    const logger = {
      debug: () => undefined,
      info: () => undefined,
      error: () => undefined,
      warn: (_: object, m: string) => warnings.push(m),
    };
    const recorder = new EventRecorder({
      client,
      reportingController: 'sluice-operator',
      reportingInstance: 't',
      logger,
    });
    const missing = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x', namespace: uniqueName('nope') },
    };
    expect(() =>
      recorder.record(missing, { type: 'Normal', reason: 'R', action: 'A', note: 'n' }),
    ).not.toThrow();
    await recorder.flush();
    expect(warnings).toEqual(['Could not record event']);
    expect(recorder.stats()).toMatchObject({ written: 0, failed: 1 });
  });
});
