// RoutingPolicy status with several API replicas and with PostgreSQL away: only the holder of the
// sluice-api-policy-status Lease writes, another replica takes over when it leaves, and the
// conditions do not wait for the ledger.
import { CoordinationV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  apiEnvSchema,
  createLogger,
  loadConfig,
  loggingModule,
  ObservabilityModule,
} from '@sluice/common';
import type { RoutingPolicy } from '@sluice/crds';
import { ApiConfigModule } from '../src/config/api-config.js';
import { DatabaseModule } from '../src/database/database.module.js';
import { runMigrations } from '../src/database/migrate.js';
import { CatalogInformers } from '../src/modules/catalog/catalog.module.js';
import {
  POLICY_STATUS_LEASE,
  POLICY_STATUS_TIMING,
  PolicyStatusLifecycle,
  PolicyStatusModule,
} from '../src/modules/policy-status/policy-status.module.js';
import { aModel, aPolicy } from '../src/modules/routing/engine/testing/builders.js';
import { databaseProxy } from './support/ledger-cluster.js';
import {
  eventually,
  installSluiceCrds,
  priced,
  sluiceObjects,
  startTestCluster,
  type TestCluster,
} from './support/sluice-cluster.js';
import type { TcpProxy } from './support/tcp-proxy.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const WAIT = 15_000;
let db: TestDatabase;
let cluster: TestCluster;
let proxy: TcpProxy;
const apps = new Set<TestingModule>();

beforeAll(async () => {
  db = await createTestDatabase();
  await runMigrations(db.url);
  cluster = await startTestCluster();
  await installSluiceCrds(cluster.kubeConfig);
  proxy = await databaseProxy(db);
  await proxy.open();
  const objects = sluiceObjects(cluster.kubeConfig);
  await objects.create('inferencemodels', priced(aModel('small-a').obj()));
});

afterAll(async () => {
  await Promise.all([...apps].map((app) => app.close()));
  await proxy?.close();
  await cluster?.close();
  await db?.drop();
});

/** One API replica named `pod`, its ledger reached through the proxy. */
async function replica(pod: string): Promise<TestingModule> {
  const viaProxy = new URL(db.url);
  viaProxy.port = String(proxy.port);
  const config = loadConfig(apiEnvSchema, {
    KUBECONFIG: cluster.kubeconfigPath,
    DATABASE_URL: viaProxy.toString(),
    POD_NAME: pod,
    LOG_LEVEL: 'silent',
    LOG_FORMAT: 'json',
  });
  const app = await Test.createTestingModule({
    imports: [
      ApiConfigModule.forRoot(config),
      loggingModule(createLogger(config, 'api-test')),
      ObservabilityModule.forRoot('api'),
      DatabaseModule,
      PolicyStatusModule,
    ],
  })
    .overrideProvider(POLICY_STATUS_TIMING)
    .useValue({ intervalMs: 3_600_000, debounceMs: 50, windowSeconds: 3600, now: () => new Date() })
    .compile();
  await app.init();
  apps.add(app);
  return app;
}

async function stopReplica(app: TestingModule): Promise<void> {
  apps.delete(app);
  await app.close();
}

const writerOf = (app: TestingModule) => app.get(PolicyStatusLifecycle).writer;

async function holder(): Promise<string | undefined> {
  const leases = cluster.kubeConfig.makeApiClient(CoordinationV1Api);
  const lease = await leases
    .readNamespacedLease({ name: POLICY_STATUS_LEASE, namespace: 'default' })
    .catch(() => undefined);
  return lease?.spec?.holderIdentity ?? undefined;
}

async function status(name: string): Promise<RoutingPolicy['status']> {
  const custom = cluster.kubeConfig.makeApiClient(CustomObjectsApi);
  const at = { group: 'sluice.dev', version: 'v1alpha1', plural: 'routingpolicies' };
  const policy = (await custom.getNamespacedCustomObject({
    ...at,
    namespace: 'default',
    name,
  })) as RoutingPolicy;
  return policy.status;
}

describe('RoutingPolicy status across replicas', () => {
  it('is written by the Lease holder only; the other replica takes over when it leaves', async () => {
    const objects = sluiceObjects(cluster.kubeConfig);
    await objects.create('routingpolicies', aPolicy('shared').tier('small', 'small-a').obj());
    const first = await replica('api-a');
    await eventually(async () => (await holder()) === 'api-a', WAIT);
    const second = await replica('api-b');
    await eventually(async () => (await status('shared'))?.observedGeneration === 1, WAIT);

    // A change both replicas see: only the holder writes it.
    await objects.patch('routingpolicies', 'shared', { spec: { defaultRoute: { maxTokens: 64 } } });
    const seen = (app: TestingModule) =>
      app.get(CatalogInformers).informers?.policies.get('shared', 'default')?.metadata?.generation;
    await eventually(() => seen(second) === 2, WAIT);
    expect(await writerOf(second)?.tick()).toBe(0);
    await eventually(async () => (await status('shared'))?.observedGeneration === 2, WAIT);
    expect(await holder()).toBe('api-a');

    await stopReplica(first); // releases the Lease
    await eventually(async () => (await holder()) === 'api-b', WAIT);
    await objects.patch('routingpolicies', 'shared', { spec: { defaultRoute: { maxTokens: 32 } } });
    await eventually(async () => (await status('shared'))?.observedGeneration === 3, WAIT);
    await stopReplica(second);
  }, 60_000);

  it('writes the conditions while PostgreSQL is down, and the distribution once it is back', async () => {
    const objects = sluiceObjects(cluster.kubeConfig);
    await proxy.close();
    await objects.create('routingpolicies', aPolicy('offline').tier('small', 'small-a').obj());
    const app = await replica('api-c');
    await eventually(async () => (await status('offline'))?.conditions !== undefined, WAIT);
    const writer = writerOf(app);
    expect(await writer?.tick()).toBe(0);
    expect((await status('offline'))?.distribution).toBeUndefined();

    await proxy.open();
    await eventually(async () => ((await writer?.tick()) ?? 0) > 0, WAIT);
    expect((await status('offline'))?.distribution).toMatchObject({
      windowSeconds: 3600,
      cacheHits: 0,
      tiers: [{ name: 'small', requests: 0, sharePercent: 0 }],
    });
  }, 60_000);
});
