import {
  CoordinationV1Api,
  CoreV1Api,
  EventsV1Api,
  type V1ConfigMap,
} from '@kubernetes/client-node';
import { Registry } from 'prom-client';
import { createLogger, loadConfig, operatorEnvSchema } from '@sluice/common';
import { startOperator } from '../src/bootstrap.js';
import { ControllerManager } from '../src/kube/controller-manager.js';
import {
  Controller,
  EventRecorder,
  Informer,
  LeaderElector,
  Manager,
  keyOfObject,
  type ObjectKey,
} from '../src/runtime/index.js';
import { installSluiceCrds } from './support/sluice-crds.js';
import { eventually, startTestCluster, uniqueName, type TestCluster } from './support/cluster.js';

let cluster: TestCluster;
let core: CoreV1Api;
let coordination: CoordinationV1Api;

beforeAll(async () => {
  cluster = await startTestCluster();
  core = cluster.kubeConfig.makeApiClient(CoreV1Api);
  coordination = cluster.kubeConfig.makeApiClient(CoordinationV1Api);
  await installSluiceCrds(cluster.kubeConfig);
});
afterAll(() => cluster.close());

const holder = async (name: string): Promise<string | undefined> =>
  (await coordination.readNamespacedLease({ name, namespace: 'default' })).spec?.holderIdentity;

/** A manager whose controller records the keys it reconciles. */
function replica(lease: string, namespace: string, identity: string) {
  const reconciled: string[] = [];
  const informer = new Informer<V1ConfigMap>({
    kubeConfig: cluster.kubeConfig,
    path: `/api/v1/namespaces/${namespace}/configmaps`,
    list: () => core.listNamespacedConfigMap({ namespace }),
    onFatal: () => undefined,
  });
  const controller = new Controller({
    name: `test-${identity}`,
    registry: new Registry(),
    reconciler: {
      reconcile: (key: ObjectKey) => {
        reconciled.push(`${key.namespace}/${key.name}`);
        return Promise.resolve();
      },
    },
  });
  informer.onChange((object) => controller.enqueue(keyOfObject(object)));
  const elector = new LeaderElector({
    client: coordination,
    namespace: 'default',
    name: lease,
    identity,
    leaseDurationMs: 2000,
    renewDeadlineMs: 1500,
    retryPeriodMs: 200,
  });
  const manager = new Manager({ elector, onFatal: () => undefined });
  manager.addInformer(informer);
  manager.addController(controller);
  return { manager, reconciled, elector };
}

describe('Manager against the Kubernetes-API test server', () => {
  it('reconciles on the leader only, and the other replica takes over when it stops', async () => {
    const lease = uniqueName('lease');
    const namespace = uniqueName('ns');
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    const a = replica(lease, namespace, 'a');
    const b = replica(lease, namespace, 'b');
    a.manager.start();
    await eventually(() => a.elector.isLeader && a.manager.hasSynced());
    b.manager.start();
    await eventually(() => b.manager.hasSynced());

    await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'one' } } });
    await eventually(() => a.reconciled.length === 1);
    expect(a.reconciled).toEqual([`${namespace}/one`]);
    expect(b.reconciled).toEqual([]);

    await a.manager.stop();
    await eventually(() => b.elector.isLeader, 2000);
    // The new leader reconciles what its informer queued while it was following.
    await eventually(() => b.reconciled.includes(`${namespace}/one`));
    await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'two' } } });
    await eventually(() => b.reconciled.includes(`${namespace}/two`));
    await b.manager.stop();
    expect(await holder(lease)).toBe('');
  });
});

describe('operator process with the runtime', () => {
  it('takes the Lease, is ready, and releases the Lease on shutdown', async () => {
    const id = uniqueName('op');
    const config = loadConfig(operatorEnvSchema, {
      KUBECONFIG: cluster.kubeconfigPath,
      OPERATOR_HTTP_ADDR: '127.0.0.1:0',
      LEADER_ELECTION_ID: id,
      LOG_LEVEL: 'silent',
      LOG_FORMAT: 'json',
    });
    const operator = await startOperator(config, createLogger(config, 'operator-test'));
    const identity = operator.app.get(ControllerManager).identity;
    try {
      await eventually(async () => (await holder(id).catch(() => undefined)) === identity);
      expect((await fetch(`${operator.httpUrl}/readyz`)).status).toBe(200);
      const recorder = operator.app.get(EventRecorder);
      const cm = await core.createNamespacedConfigMap({
        namespace: 'default',
        body: { metadata: { name: id } },
      });
      recorder.record(
        { ...cm, apiVersion: 'v1', kind: 'ConfigMap' },
        { type: 'Normal', reason: 'Tested', action: 'Test', note: 'Recorded by the operator' },
      );
      await recorder.flush();
      const events = await cluster.kubeConfig
        .makeApiClient(EventsV1Api)
        .listNamespacedEvent({ namespace: 'default' });
      expect(events.items.find((e) => e.regarding?.name === id)).toMatchObject({
        reason: 'Tested',
        reportingController: 'sluice-operator',
        reportingInstance: identity,
      });
    } finally {
      await operator.app.close();
    }
    expect(await holder(id)).toBe('');
  });
});
