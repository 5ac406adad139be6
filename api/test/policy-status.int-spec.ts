// RoutingPolicy status as the API writes it: against the Kubernetes-API test server with the
// examples applied, and real PostgreSQL holding route_decisions. What a platform engineer sees:
// the conditions (and kubectl's READY column), the live distribution, and no write when nothing
// changed.
import { execFile } from 'node:child_process';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CustomObjectsApi } from '@kubernetes/client-node';
import { Test, type TestingModule } from '@nestjs/testing';
import { createLogger, loggingModule, ObservabilityModule } from '@sluice/common';
import type { RoutingPolicy } from '@sluice/crds';
import type { DataSource } from 'typeorm';
import { exampleObjects, Objects } from '../../e2e/src/chart/chart-cluster.js';
import { ApiConfigModule } from '../src/config/api-config.js';
import { DatabaseModule } from '../src/database/database.module.js';
import { runMigrations } from '../src/database/migrate.js';
import {
  POLICY_STATUS_TIMING,
  PolicyStatusLifecycle,
  PolicyStatusModule,
} from '../src/modules/policy-status/policy-status.module.js';
import type { PolicyStatusWriter } from '../src/modules/policy-status/policy-status-writer.js';
import { decide } from '../src/modules/routing/engine/index.js';
import { aPolicy } from '../src/modules/routing/engine/testing/builders.js';
import { ROUTING_VIEW, type RoutingView } from '../src/modules/routing/routing-view.js';
import { createTenant, openDataSource } from './support/ledger-fixtures.js';
import { issueToken, startRouterApp, type RouterApp } from './support/router-app.js';
import {
  apiConfig,
  eventually,
  installSluiceCrds,
  readyCondition,
  sluiceObjects,
  startTestCluster,
  type TestCluster,
} from './support/sluice-cluster.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { failure } from '../src/testing/grpc-failure.js';

const run = promisify(execFile);
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROOT = join(import.meta.dirname, '..', '..');
const MODELS = ['llama-3-1-8b-awq', 'ticket-classifier', 'qwen2-5-32b-fp8', 'gpt-4o'];
const now = new Date();
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

let db: TestDatabase;
let dataSource: DataSource;
let cluster: TestCluster;
let app: TestingModule;
let writer: PolicyStatusWriter;
let tenant: string;
/** The Router over gRPC, reading the same catalog the status writer reads. */
let router: RouterApp;
let auth: { metadata: { authorization: string } };

beforeAll(async () => {
  db = await createTestDatabase();
  await runMigrations(db.url);
  dataSource = await openDataSource(db.url);
  tenant = await createTenant(dataSource);
  cluster = await startTestCluster();
  await installSluiceCrds(cluster.kubeConfig);
  const objects = new Objects(cluster.kubeConfig);
  for (const object of exampleObjects(join(ROOT, 'examples'), 'default'))
    if (object.apiVersion?.startsWith('sluice.dev/')) await objects.create(object);
  const sluice = sluiceObjects(cluster.kubeConfig);
  for (const model of MODELS)
    await sluice.patchStatus(model, { conditions: [readyCondition(true)] });
  await sluice.create(
    'routingpolicies',
    aPolicy('broken')
      .tier('small', 'llama-3-1-8b-awq')
      .tier('frontier', 'ghost')
      .defaultRoute('small')
      .obj(),
  );
  // Valid as the schema sees it, unusable as the engine does: Route must refuse it.
  await sluice.create(
    'routingpolicies',
    aPolicy('invalid')
      .tier('small', 'llama-3-1-8b-awq')
      .rule('code', { regex: '(unclosed' }, { tier: 'small' })
      .defaultRoute('small')
      .obj(),
  );
  await sluice.create(
    'routingpolicies',
    aPolicy('orphan').tier('small', 'ghost').defaultRoute('small').obj(),
  );

  const config = apiConfig(cluster.kubeconfigPath, db.url);
  app = await Test.createTestingModule({
    imports: [
      ApiConfigModule.forRoot(config),
      loggingModule(createLogger(config, 'api-test')),
      ObservabilityModule.forRoot('api'),
      DatabaseModule,
      PolicyStatusModule,
    ],
  })
    // Passes run when the test asks (and after changes), not on a timer it would race with.
    .overrideProvider(POLICY_STATUS_TIMING)
    .useValue({ intervalMs: 3_600_000, debounceMs: 50, windowSeconds: 3600, now: () => now })
    .compile();
  await app.init();
  const found = app.get(PolicyStatusLifecycle).writer;
  if (found === undefined) throw new Error('no writer although a cluster is configured');
  writer = found;
  router = await startRouterApp(
    { database: db.url, redis: REDIS_URL },
    app.get<RoutingView>(ROUTING_VIEW, { strict: false }),
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

const condition = (policy: RoutingPolicy, type: string) =>
  policy.status?.conditions?.find((c) => c.type === type);

async function decision(
  tier: string,
  cacheKind: string,
  createdAt: Date,
  { policy = 'default', shadow = false } = {},
) {
  await dataSource.query(
    `INSERT INTO route_decisions (decision_id, tenant_id, policy_namespace, policy_name, rule, tier,
       model_namespace, model_name, complexity, cache_kind, prompt_tokens, created_at, shadow)
     VALUES ($1, $2, 'default', $3, 'r', $4, 'default', 'm', 'simple', $5, 10, $6, $7)`,
    [randomUUID(), tenant, policy, tier, cacheKind, createdAt, shadow],
  );
}

function routeOver(app: RouterApp, name: string) {
  const policy = { namespace: 'default', name };
  return app.client.route({ policy, prompt: { case: 'text', value: 'Write a parser' } }, auth);
}

describe('RoutingPolicy status', () => {
  it('reports a valid policy Ready at its generation', async () => {
    await eventually(async () => condition(await read('default'), 'Ready') !== undefined, 15_000);
    const policy = await read('default');
    expect(policy.status?.observedGeneration).toBe(policy.metadata?.generation);
    const summary = policy.status?.conditions?.map((c) => [c.type, c.status, c.reason]);
    expect(summary).toEqual([
      ['Ready', 'True', 'Valid'],
      ['ResolvedRefs', 'True', 'ResolvedRefs'],
      ['Degraded', 'False', 'AllTiersReady'],
    ]);
  });

  it('names the missing model by its field path; Ready, as Route goes on with the rest', async () => {
    await eventually(async () => condition(await read('broken'), 'Ready') !== undefined, 15_000);
    const policy = await read('broken');
    expect(condition(policy, 'ResolvedRefs')).toMatchObject({
      status: 'False',
      reason: 'UnknownModel',
      message: expect.stringContaining(
        'spec.tiers[1].targets[0].model: InferenceModel ghost',
      ) as unknown,
    });
    expect(condition(policy, 'Degraded')).toMatchObject({ status: 'True', reason: 'NoReadyModel' });
    expect(condition(policy, 'Ready')).toMatchObject({ status: 'True', reason: 'Valid' });
    // decide() on the catalog's snapshot, as Route does (over gRPC it would add a decision to
    // the distribution counted below).
    const snapshot = app
      .get<RoutingView>(ROUTING_VIEW, { strict: false })
      .snapshot('default', 'broken');
    const routed =
      snapshot && decide({ prompt: 'hi' }, snapshot, { random: () => 0, now: () => now });
    expect(routed).toMatchObject({ kind: 'decision', model: 'llama-3-1-8b-awq' });
  });

  it.each([
    ['invalid', 'InvalidRegex', 'spec.rules[0].match.regex: pattern "(unclosed" does not compile'],
    [
      'orphan',
      'NoResolvedModel',
      'spec.tiers[0].targets[0].model: InferenceModel ghost does not exist',
    ],
  ])(
    'reports %s not Ready (%s), and Route refuses it with the same words',
    async (name, reason, text) => {
      await eventually(async () => condition(await read(name), 'Ready') !== undefined, 15_000);
      const ready = condition(await read(name), 'Ready');
      expect(ready).toMatchObject({
        status: 'False',
        reason,
        message: expect.stringContaining(text) as unknown,
      });
      const error = await failure(routeOver(router, name));
      expect(error.code).toBe(GrpcStatus.FAILED_PRECONDITION);
      expect(error.details).toBe(
        `RoutingPolicy default/${name} is not Ready (${reason}): ${(ready?.message ?? '').replace('Route refuses it: ', '')}`,
      );
    },
  );

  it('publishes the routing distribution of the window, and nothing when nothing changed', async () => {
    for (const minutes of [1, 2, 3]) await decision('small', 'none', minutesAgo(minutes));
    await decision('frontier', 'none', minutesAgo(10));
    await decision('small', 'exact', minutesAgo(5));
    await decision('small', 'semantic', minutesAgo(5));
    await decision('frontier', 'none', minutesAgo(61)); // before the window
    await decision('frontier', 'none', minutesAgo(1), { policy: 'broken' }); // another policy's
    await decision('frontier', 'none', minutesAgo(2), { shadow: true }); // not a query

    await writer.tick();
    const policy = await read('default');
    expect(policy.status?.distribution).toEqual({
      windowSeconds: 3600,
      updatedAt: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      cacheHits: 2,
      tiers: [
        { name: 'small', requests: 3, sharePercent: 75 },
        { name: 'medium', requests: 0, sharePercent: 0 },
        { name: 'frontier', requests: 1, sharePercent: 25 },
      ],
    });
    expect((await read('broken')).status?.distribution?.tiers).toEqual([
      { name: 'small', requests: 0, sharePercent: 0 },
      { name: 'frontier', requests: 1, sharePercent: 100 },
    ]);

    const versions = async () => [
      (await read('default')).metadata?.resourceVersion,
      (await read('broken')).metadata?.resourceVersion,
    ];
    const before = await versions();
    expect(await writer.tick()).toBe(0);
    expect(await versions()).toEqual(before);
  });

  it("shows in kubectl's READY column", async () => {
    const env = { ...process.env, KUBECONFIG: cluster.kubeconfigPath };
    const { stdout } = await run('kubectl', ['get', 'routingpolicies'], { env, timeout: 20_000 });
    // Cells are cut at the header's column starts: DEFAULT-TIER is blank for a learned policy
    // whose default route takes the classifier's tier.
    const [header = '', ...rows] = stdout.trim().split('\n');
    const start = header.indexOf('READY');
    const end = header.indexOf(' ', start);
    const cell = (line: string, from: number, to: number) => line.slice(from, to).trim();
    const ready = Object.fromEntries(
      rows.map((line) => [cell(line, 0, line.indexOf(' ')), cell(line, start, end)]),
    );
    expect(ready).toEqual({
      default: 'True',
      batch: 'True',
      broken: 'True',
      invalid: 'False',
      orphan: 'False',
    });
  });
});
