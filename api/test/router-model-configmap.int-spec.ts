// Issue 14 point 7 end to end: a learned RoutingPolicy classifies with a router model artifact
// trained on the user's own rows (the package's training code), handed over in a labelled
// ConfigMap on the Kubernetes-API test server, and Route answers over gRPC (real PostgreSQL and
// Redis). A new artifact in the ConfigMap is picked up; a broken one leaves the policy on its
// last good model (Degraded), and a policy that never had one is not Ready, the field named.
import { readFileSync } from 'node:fs';
import { status as GrpcStatus } from '@grpc/grpc-js';
import {
  CoreV1Api,
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
  type V1ConfigMap,
} from '@kubernetes/client-node';
import { Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { createLogger, loggingModule, ObservabilityModule } from '@sluice/common';
import type { RoutingPolicy } from '@sluice/crds';
import type { RouteDecision } from '@sluice/proto';
import { artifactVersion, DEFAULT_ARTIFACT } from '@sluice/router-model';
import { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { ApiConfigModule } from '../src/config/api-config.js';
import { DatabaseModule } from '../src/database/database.module.js';
import { runMigrations } from '../src/database/migrate.js';
import {
  POLICY_STATUS_TIMING,
  PolicyStatusLifecycle,
  PolicyStatusModule,
} from '../src/modules/policy-status/policy-status.module.js';
import type { PolicyStatusWriter } from '../src/modules/policy-status/policy-status-writer.js';
import { aModel, aPolicy } from '../src/modules/routing/engine/testing/builders.js';
import {
  LoadedRouterModel,
  RouterModelModule,
} from '../src/modules/routing/router-model.module.js';
import { ROUTING_VIEW, type RoutingView } from '../src/modules/routing/routing-view.js';
import { tinyArtifact } from '../src/modules/routing/testing/tiny-artifact.js';
import { failure } from '../src/testing/grpc-failure.js';
import { createTenant, openDataSource } from './support/ledger-fixtures.js';
import { eventually, issueToken, startRouterApp, type RouterApp } from './support/router-app.js';
import {
  apiConfig,
  installSluiceCrds,
  priced,
  readyCondition,
  sluiceObjects,
  startTestCluster,
  type TestCluster,
} from './support/sluice-cluster.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const FIELD = 'spec.classifier.model.configMapRef';
const MERGE = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const ONE = tinyArtifact('first');
const TWO = tinyArtifact('second');

let db: TestDatabase;
let dataSource: DataSource;
let cluster: TestCluster;
let core: CoreV1Api;
let app: TestingModule;
let writer: PolicyStatusWriter;
let router: RouterApp;
let auth: { metadata: { authorization: string } };

const configMap = (name: string, bytes: Uint8Array, labelled = true): V1ConfigMap => ({
  metadata: {
    name,
    namespace: 'default',
    ...(labelled ? { labels: { 'sluice.dev/router-model': 'true' } } : {}),
  },
  binaryData: { 'router-model.bin': Buffer.from(bytes).toString('base64') },
});

const policy = (name: string, configMapName: string) =>
  aPolicy(name)
    .tier('small', 'small-model')
    .tier('frontier', 'big-model')
    .learned(['small', 50], ['frontier', 0])
    .routerModelFrom(configMapName)
    .defaultRoute(undefined)
    .obj();

beforeAll(async () => {
  db = await createTestDatabase();
  await runMigrations(db.url);
  dataSource = await openDataSource(db.url);
  const tenant = await createTenant(dataSource);
  cluster = await startTestCluster();
  await installSluiceCrds(cluster.kubeConfig);
  core = cluster.kubeConfig.makeApiClient(CoreV1Api);
  const sluice = sluiceObjects(cluster.kubeConfig);
  for (const model of [aModel('small-model').tier('small'), aModel('big-model').tier('frontier')]) {
    await sluice.create('inferencemodels', priced(model.obj()));
    await sluice.patchStatus(model.obj().metadata?.name ?? '', {
      conditions: [readyCondition(true)],
    });
  }
  await core.createNamespacedConfigMap({ namespace: 'default', body: configMap('mine', ONE) });
  await sluice.create('routingpolicies', policy('own-model', 'mine'));

  const config = apiConfig(cluster.kubeconfigPath, db.url);
  app = await Test.createTestingModule({
    imports: [
      ApiConfigModule.forRoot(config),
      loggingModule(createLogger(config, 'api-test')),
      ObservabilityModule.forRoot('api'),
      DatabaseModule,
      RouterModelModule,
      PolicyStatusModule,
    ],
  })
    .overrideProvider(POLICY_STATUS_TIMING)
    .useValue({ intervalMs: 3_600_000, debounceMs: 50, windowSeconds: 3600, now: () => new Date() })
    .compile();
  await app.init();
  const found = app.get(PolicyStatusLifecycle).writer;
  if (found === undefined) throw new Error('no writer although a cluster is configured');
  writer = found;
  // The Router's /metrics reads the same loaded models, as in AppModule where both share one.
  const loaded = app.get(LoadedRouterModel);
  @Module({
    providers: [{ provide: LoadedRouterModel, useValue: loaded }],
    exports: [LoadedRouterModel],
  })
  class SharedRouterModel {}
  router = await startRouterApp(
    { database: db.url, redis: REDIS_URL },
    app.get<RoutingView>(ROUTING_VIEW, { strict: false }),
    { imports: [{ module: SharedRouterModel, global: true }] },
  );
  auth = { metadata: (await issueToken(router, tenant)).bearer };
}, 60_000);

afterAll(async () => {
  await router?.close();
  await app?.close();
  await dataSource?.destroy();
  await cluster?.close();
  await db?.drop();
});

async function read(name: string): Promise<RoutingPolicy> {
  const custom = cluster.kubeConfig.makeApiClient(CustomObjectsApi);
  const at = { group: 'sluice.dev', version: 'v1alpha1', plural: 'routingpolicies' };
  return (await custom.getNamespacedCustomObject({
    ...at,
    namespace: 'default',
    name,
  })) as RoutingPolicy;
}

const condition = (p: RoutingPolicy, type: string) =>
  p.status?.conditions?.find((c) => c.type === type);

async function route(name: string): Promise<RouteDecision> {
  const { decision } = await router.client.route(
    {
      policy: { namespace: 'default', name },
      prompt: { case: 'text', value: 'write a python function that sorts a list' },
    },
    auth,
  );
  if (decision === undefined) throw new Error('no decision');
  return decision;
}

/** Routes until the decision's classifier version is `version` (the informer caught up). */
const routedWith = (name: string, version: string) =>
  eventually(
    () => route(name),
    (d) => d.complexity?.classifierVersion === version,
  );

/** Writes the statuses now and reads the policy back. */
async function statusOf(name: string): Promise<RoutingPolicy> {
  await writer.tick();
  return read(name);
}

const replaceArtifact = async (bytes: Uint8Array) => {
  const body = { binaryData: { 'router-model.bin': Buffer.from(bytes).toString('base64') } };
  await core.patchNamespacedConfigMap({ name: 'mine', namespace: 'default', body }, MERGE);
};

describe('a RoutingPolicy with its own router model from a ConfigMap', () => {
  it('refuses, like the real API server, a ConfigMap over 1 MiB: the built-in artifact', async () => {
    const builtIn = readFileSync(DEFAULT_ARTIFACT);
    const refused = await core
      .createNamespacedConfigMap({ namespace: 'default', body: configMap('too-big', builtIn) })
      .then(
        () => 'created',
        (error: unknown) => String((error as { body?: string }).body),
      );
    expect(refused).toContain(
      'ConfigMap \\"too-big\\" is invalid: []: Too long: must have at most 1048576 bytes',
    );
  });

  it('routes with the artifact of its ConfigMap: its version in the reason, status and /metrics', async () => {
    const v1 = artifactVersion(ONE);
    const decision = await routedWith('own-model', v1);
    expect(decision.complexity?.classifierVersion).toBe(v1);
    expect(decision.reason?.message).toMatch(new RegExp(`^classifier ${v1}: `));
    const status = await statusOf('own-model');
    expect(status.status?.classifier?.model).toBe(v1);
    expect(condition(status, 'Ready')?.status).toBe('True');
    const metrics = await router.moduleRef.get(Registry, { strict: false }).metrics();
    const builtIn = app.get(LoadedRouterModel).model?.version ?? 'none';
    for (const version of [v1, builtIn])
      expect(metrics).toContain(`sluice_router_model_info{version="${version}",component="api"} 1`);
  });

  it('picks up a new artifact in the ConfigMap', async () => {
    const v2 = artifactVersion(TWO);
    await replaceArtifact(TWO);
    expect((await routedWith('own-model', v2)).complexity?.classifierVersion).toBe(v2);
    expect((await statusOf('own-model')).status?.classifier?.model).toBe(v2);
  });

  it('keeps routing with the last good model when the artifact breaks, and says so', async () => {
    const v2 = artifactVersion(TWO);
    await replaceArtifact(TWO.subarray(0, 1000));
    const degraded = await eventually(
      () => statusOf('own-model'),
      (p) => condition(p, 'Degraded')?.reason === 'RouterModelStale',
    );
    expect(condition(degraded, 'Ready')?.status).toBe('True');
    expect(condition(degraded, 'Degraded')?.message).toBe(
      `${FIELD}: ConfigMap default/mine key router-model.bin is not a router model artifact: ` +
        `Router model artifact is 1000 bytes, its header says ${TWO.length}; ` +
        `Route keeps the last good model, ${v2}`,
    );
    expect(degraded.status?.classifier?.model).toBe(v2);
    expect((await route('own-model')).complexity?.classifierVersion).toBe(v2);
  });

  it('is not Ready, the field named, when its model never loaded', async () => {
    const sluice = sluiceObjects(cluster.kubeConfig);
    await sluice.create('routingpolicies', policy('fresh', 'mine'));
    await core.createNamespacedConfigMap({
      namespace: 'default',
      body: configMap('unlabelled', ONE, false),
    });
    await sluice.create('routingpolicies', policy('unwatched', 'unlabelled'));
    const fresh = await eventually(
      () => statusOf('fresh'),
      (p) => condition(p, 'Ready')?.reason === 'RouterModelInvalid',
    );
    expect(condition(fresh, 'Ready')).toMatchObject({
      status: 'False',
      message: expect.stringContaining(
        `Route refuses it: ${FIELD}: ConfigMap default/mine key router-model.bin is not a router model artifact`,
      ) as string,
    });
    const refused = await failure(route('fresh'));
    expect(refused.code).toBe(GrpcStatus.FAILED_PRECONDITION);
    expect(refused.details).toContain(FIELD);

    const unwatched = await statusOf('unwatched');
    expect(condition(unwatched, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'RouterModelNotFound',
      message: `Route refuses it: ${FIELD}: ConfigMap default/unlabelled not found among the ConfigMaps labelled sluice.dev/router-model=true (kubectl label configmap unlabelled -n default sluice.dev/router-model=true)`,
    });
  });
});
