// Issue 14 points 4 and 5 end to end: a learned RoutingPolicy with
// classifier.target.minQualityPercent, Route traffic over gRPC (real PostgreSQL, Redis and the
// Kubernetes-API test server), a synthetic judge reporting ReportShadowVerdict for every shadow
// pair, and the policy-status loop driven pass by pass. The boundary moves toward the target in
// bounded steps, each move has an Event, and it stops once the target is met.
//
// The router model is a deterministic test double that reads smallOk from the prompt, given to
// the API's routing catalog in place of the committed one (RouterModelModule): it is the loop
// under test, and the judge needs to know each query's score.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { EventsV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { Test, type TestingModule } from '@nestjs/testing';
import { createLogger, loggingModule, ObservabilityModule } from '@sluice/common';
import type { RoutingPolicy } from '@sluice/crds';
import type { DataSource } from 'typeorm';
import { violationLines } from '../src/grpc/status/read-violations.js';
import { ApiConfigModule } from '../src/config/api-config.js';
import { DatabaseModule } from '../src/database/database.module.js';
import { runMigrations } from '../src/database/migrate.js';
import type { CatalogInformerSet } from '../src/modules/catalog/catalog-informers.js';
import {
  LoadedRouterModel,
  RouterModelModule,
} from '../src/modules/routing/router-model.module.js';
import { CatalogInformers } from '../src/modules/catalog/catalog.module.js';
import type { CalibrationSettings } from '../src/modules/policy-status/classifier/calibration-settings.js';
import {
  CALIBRATION_SETTINGS,
  POLICY_STATUS_TIMING,
  PolicyStatusLifecycle,
  PolicyStatusModule,
} from '../src/modules/policy-status/policy-status.module.js';
import type { PolicyStatusWriter } from '../src/modules/policy-status/policy-status-writer.js';
import type { ClassifierModel } from '../src/modules/routing/engine/classifier-model.js';
import { aModel, aPolicy } from '../src/modules/routing/engine/testing/builders.js';
import { ROUTING_VIEW, type RoutingView } from '../src/modules/routing/routing-view.js';
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
const POLICY = 'calibrated';
/** A second learned policy, with maxFrontierPercent and three tiers. */
const CAPPED = 'capped';
const SETTINGS: CalibrationSettings = {
  bounds: { maxStep: 5, deadBand: 2 },
  minScores: 20,
  minJudged: 20,
  priorWeight: 5,
  verdictWindowSeconds: 3600,
};

/** The test double: "smallOk=0.37 ..." scores 0.37, anything else 0.5. */
const MODEL: ClassifierModel = {
  version: 'router-model-7e570001',
  predict: (text) => ({
    kind: text.includes('code') ? 'code' : 'open-question',
    kindProbability: 0.9,
    smallOk: Number(/smallOk=(\d\.\d+)/.exec(text)?.[1] ?? 0.5),
  }),
};

let db: TestDatabase;
let dataSource: DataSource;
let cluster: TestCluster;
let app: TestingModule;
let writer: PolicyStatusWriter;
let informers: CatalogInformerSet;
let router: RouterApp;
let tenant: string;
let auth: { metadata: { authorization: string } };
let otherAuth: { metadata: { authorization: string } };

beforeAll(async () => {
  db = await createTestDatabase();
  await runMigrations(db.url);
  dataSource = await openDataSource(db.url);
  tenant = await createTenant(dataSource);
  const other = await createTenant(dataSource);
  cluster = await startTestCluster();
  await installSluiceCrds(cluster.kubeConfig);
  const sluice = sluiceObjects(cluster.kubeConfig);
  for (const model of [aModel('small-model').tier('small'), aModel('big-model').tier('frontier')]) {
    await sluice.create('inferencemodels', priced(model.obj()));
    await sluice.patchStatus(model.obj().metadata?.name ?? '', {
      conditions: [readyCondition(true)],
    });
  }
  const policy = aPolicy(POLICY)
    .tier('small', 'small-model')
    .tier('frontier', 'big-model')
    .learned(['small', 20], ['frontier', 0])
    .defaultRoute(undefined)
    .shadow('frontier', 100)
    .obj();
  const classifier = policy.spec?.classifier;
  if (classifier !== undefined) classifier.target = { minQualityPercent: 95 };
  await sluice.create('routingpolicies', policy);
  const capped = aPolicy(CAPPED)
    .tier('small', 'small-model')
    .tier('medium', 'small-model')
    .tier('frontier', 'big-model')
    .learned(['small', 80], ['medium', 50], ['frontier', 0])
    .defaultRoute(undefined)
    .obj();
  if (capped.spec?.classifier !== undefined)
    capped.spec.classifier.target = { maxFrontierPercent: 30 };
  await sluice.create('routingpolicies', capped);

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
    // Recomputations run when the test asks, never on a timer it would race with.
    .overrideProvider(POLICY_STATUS_TIMING)
    .useValue({ intervalMs: 3_600_000, debounceMs: 50, windowSeconds: 3600, now: () => new Date() })
    .overrideProvider(CALIBRATION_SETTINGS)
    .useValue(SETTINGS)
    .overrideProvider(LoadedRouterModel)
    .useValue(new LoadedRouterModel(MODEL))
    .compile();
  await app.init();
  const found = app.get(PolicyStatusLifecycle).writer;
  if (found === undefined) throw new Error('no writer although a cluster is configured');
  writer = found;
  const catalog = app.get(CatalogInformers).informers;
  if (catalog === undefined) throw new Error('no informers');
  informers = catalog;
  router = await startRouterApp(
    { database: db.url, redis: REDIS_URL },
    app.get<RoutingView>(ROUTING_VIEW, { strict: false }),
  );
  auth = { metadata: (await issueToken(router, tenant)).bearer };
  otherAuth = { metadata: (await issueToken(router, other)).bearer };
  // The writer holds the Lease and made its first pass: the policy is Ready, as Route needs.
  await eventually(read, (p) =>
    (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'),
  );
}, 60_000);

afterAll(async () => {
  await router?.close();
  await app?.close();
  await dataSource?.destroy();
  await cluster?.close();
  await db?.drop();
});

const policyRef = { namespace: 'default', name: POLICY };

async function route(smallOk: number, as = auth) {
  const text = `smallOk=${smallOk.toFixed(3)} question`;
  const { decision } = await router.client.route(
    { policy: policyRef, prompt: { case: 'text', value: text } },
    as,
  );
  if (decision === undefined) throw new Error('no decision');
  return decision;
}

/** The synthetic judge: the small tier's answer is acceptable iff smallOk >= 0.6. */
const judge = (smallOk: number) => smallOk >= 0.6;

let routed = 0;

/** 100 queries spread over smallOk [0, 1); every shadow pair judged. */
async function trafficRound(): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    const smallOk = (i + 0.5) / 100;
    const decision = await route(smallOk);
    routed += 1;
    if (decision.shadow === undefined) continue;
    const acceptable = judge(smallOk);
    const reply = await router.client.reportShadowVerdict(
      { decisionId: decision.decisionId, acceptable, judge: 'synthetic' },
      auth,
    );
    expect(reply).toMatchObject({ duplicate: false, acceptable });
  }
  // Route books behind its answer: the pass must see every decision of the round.
  await eventually(
    () =>
      dataSource.query<Array<{ n: string }>>(
        `SELECT count(*) AS n FROM route_decisions WHERE policy_name = $1 AND NOT shadow`,
        [POLICY],
      ),
    (rows) => Number(rows[0]?.n) >= routed,
  );
}

async function read(name = POLICY): Promise<RoutingPolicy> {
  const custom = cluster.kubeConfig.makeApiClient(CustomObjectsApi);
  const at = { group: 'sluice.dev', version: 'v1alpha1', plural: 'routingpolicies' };
  return (await custom.getNamespacedCustomObject({
    ...at,
    namespace: 'default',
    name,
  })) as RoutingPolicy;
}

const boundaryOf = (policy: RoutingPolicy | undefined) =>
  policy?.status?.classifier?.thresholds?.[0]?.minSmallOkPercent;

/** One recomputation; then waits until Route's view (the informer) has the status written. */
async function recompute(name = POLICY): Promise<RoutingPolicy> {
  await writer.tick();
  const written = await read(name);
  await eventually(
    () => Promise.resolve(informers.policies.get(name, 'default')),
    (p) =>
      boundaryOf(p) === boundaryOf(written) &&
      p?.status?.classifier?.message === written.status?.classifier?.message,
  );
  return written;
}

/** The policy's move Events, once `count` are there (the recorder writes them asynchronously). */
async function moveEvents(name: string, count: number) {
  const events = cluster.kubeConfig.makeApiClient(EventsV1Api);
  const moves = async () =>
    (await events.listNamespacedEvent({ namespace: 'default' })).items.filter(
      (e) => e.reason === 'ClassifierBoundaryMoved' && e.regarding?.name === name,
    );
  return eventually(moves, (items) => items.length >= count);
}

describe('ReportShadowVerdict', () => {
  it("refuses a decision without a shadow call, another tenant's, and a missing verdict", async () => {
    // smallOk 0.05 is below the boundary 20: the frontier answers, nothing to compare.
    const frontier = await route(0.05);
    expect(frontier.shadow).toBeUndefined();
    const noPair = await failure(
      router.client.reportShadowVerdict(
        { decisionId: frontier.decisionId, acceptable: true },
        auth,
      ),
    );
    expect(noPair.code).toBe(GrpcStatus.FAILED_PRECONDITION);
    expect(violationLines(noPair.metadata)[0]).toMatch(
      /^decision_id: decision .* had no shadow call/,
    );

    const small = await route(0.9);
    expect(small.shadow?.target?.tier).toBe('frontier');
    const foreign = await failure(
      router.client.reportShadowVerdict(
        { decisionId: small.decisionId, acceptable: true },
        otherAuth,
      ),
    );
    expect(foreign.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(violationLines(foreign.metadata)).toEqual([
      `decision_id: no decision ${small.decisionId} was routed for this tenant`,
    ]);
    const missing = await failure(
      router.client.reportShadowVerdict({ decisionId: small.decisionId, judge: 'x' }, auth),
    );
    expect(missing.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(violationLines(missing.metadata)).toEqual(['acceptable: is required: true or false']);
    const unknown = await failure(
      router.client.reportShadowVerdict({ decisionId: 'never-routed', acceptable: true }, auth),
    );
    expect(unknown.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    routed += 2;
  });

  it("refuses another team's decision to a scoped token", async () => {
    const alpha = {
      metadata: (await issueToken(router, tenant, { scope: { team: 'alpha' } })).bearer,
    };
    const beta = {
      metadata: (await issueToken(router, tenant, { scope: { team: 'beta' } })).bearer,
    };
    const small = await route(0.85, alpha);
    routed += 1;
    const denied = await failure(
      router.client.reportShadowVerdict({ decisionId: small.decisionId, acceptable: true }, beta),
    );
    expect(denied.code).toBe(GrpcStatus.PERMISSION_DENIED);
    expect(violationLines(denied.metadata)).toEqual([
      "decision_id: names a decision outside the API token's scope (team=beta)",
    ]);
  });

  it('is idempotent per decision: the first verdict stands, under either id of the pair', async () => {
    const small = await route(0.95);
    routed += 1;
    const first = await router.client.reportShadowVerdict(
      { decisionId: small.decisionId, acceptable: true, judge: 'synthetic' },
      auth,
    );
    expect(first).toMatchObject({ duplicate: false, acceptable: true });
    const again = await router.client.reportShadowVerdict(
      { decisionId: small.shadow?.decisionId ?? '', acceptable: false, judge: 'synthetic' },
      auth,
    );
    expect(again).toMatchObject({ duplicate: true, acceptable: true });
    const rows = await dataSource.query<Array<Record<string, unknown>>>(
      `SELECT task_kind, small_ok_bucket, acceptable, judge FROM shadow_verdicts
       WHERE tenant_id = $1 AND policy_name = $2`,
      [tenant, POLICY],
    );
    expect(rows).toEqual([
      { task_kind: 'open-question', small_ok_bucket: 9, acceptable: true, judge: 'synthetic' },
    ]);
  });
});

describe('calibration to classifier.target.minQualityPercent', () => {
  it('moves the boundary toward the target in bounded steps, an Event each, and stops', async () => {
    const boundaries: number[] = [20];
    for (let pass = 0; pass < 12; pass += 1) {
      await trafficRound();
      const policy = await recompute();
      boundaries.push(boundaryOf(policy) ?? Number.NaN);
    }
    // Every step up, at most 5 points; then still.
    const steps = boundaries.slice(1).map((b, i) => b - (boundaries[i] ?? 0));
    expect(steps.every((s) => s >= 0 && s <= SETTINGS.bounds.maxStep)).toBe(true);
    const final = boundaries.at(-1) ?? 0;
    // The judge accepts from 0.6: the lowest boundary keeping 95% of the kept answers good.
    expect(final).toBeGreaterThanOrEqual(55);
    expect(final).toBeLessThanOrEqual(60);
    expect(boundaries.slice(-3)).toEqual([final, final, final]);
    const moves = boundaries.filter((b, i) => i > 0 && b !== boundaries[i - 1]).length;
    expect(moves).toBeGreaterThanOrEqual(7);

    await expectStatusAt(final);
    const events = await moveEvents(POLICY, moves);
    const told = events.map((e) =>
      /^Moved the classifier boundary from (\d+) to (\d+): /
        .exec(e.note ?? '')
        ?.slice(1)
        .join('->'),
    );
    const made = boundaries.flatMap((b, i) =>
      i > 0 && b !== boundaries[i - 1] ? [`${boundaries[i - 1]}->${b}`] : [],
    );
    expect(told.sort()).toEqual(made.sort());
  }, 240_000);
});

async function expectStatusAt(final: number): Promise<void> {
  const status = (await read()).status?.classifier;
  expect(status).toMatchObject({
    basis: 'minQualityPercent',
    model: MODEL.version,
    thresholds: [
      { tier: 'small', minSmallOkPercent: final },
      { tier: 'frontier', minSmallOkPercent: 0 },
    ],
    message: expect.stringMatching(
      new RegExp(`^boundary ${final}\\b.*: \\d+ is the lowest whose estimated quality meets 95%`),
    ) as unknown,
  });
  // Pairs judged in the buckets the small tier answered: 0.6 and up accepted, below refused.
  const byScore = new Map(status?.acceptanceByScore?.map((b) => [b.fromPercent, b]));
  expect(byScore.get(70)).toMatchObject({ accepted: byScore.get(70)?.judged });
  expect(byScore.get(30)).toMatchObject({ accepted: 0 });
  expect(status?.acceptanceByKind?.[0]?.kind).toBe('open-question');
}

describe('calibration to classifier.target.maxFrontierPercent', () => {
  it('steps the frontier boundary down to the 30th percentile; the entry above keeps its value', async () => {
    const ref = { namespace: 'default', name: CAPPED };
    for (let i = 0; i < 100; i += 1) {
      const text = `smallOk=${((i + 0.5) / 100).toFixed(3)} question`;
      await router.client.route({ policy: ref, prompt: { case: 'text', value: text } }, auth);
    }
    await eventually(
      () =>
        dataSource.query<Array<{ n: string }>>(
          `SELECT count(*) AS n FROM route_decisions WHERE policy_name = $1`,
          [CAPPED],
        ),
      (rows) => Number(rows[0]?.n) >= 100,
    );
    const thresholds: number[][] = [];
    for (let pass = 0; pass < 6; pass += 1) {
      const policy = await recompute(CAPPED);
      thresholds.push(policy.status?.classifier?.thresholds?.map((t) => t.minSmallOkPercent) ?? []);
    }
    expect(thresholds).toEqual([
      [80, 45, 0],
      [80, 40, 0],
      [80, 35, 0],
      [80, 30, 0],
      [80, 30, 0],
      [80, 30, 0],
    ]);
    const status = (await read(CAPPED)).status?.classifier;
    expect(status).toMatchObject({
      basis: 'maxFrontierPercent',
      message: 'boundary 30: 30th percentile of 100 scores in the last hour is 30 (30% below it)',
    });
    expect(status?.acceptanceByScore).toBeUndefined();
    expect((await moveEvents(CAPPED, 4)).map((e) => e.note?.slice(0, 44)).sort()).toEqual([
      'Moved the classifier boundary from 35 to 30:',
      'Moved the classifier boundary from 40 to 35:',
      'Moved the classifier boundary from 45 to 40:',
      'Moved the classifier boundary from 50 to 45:',
    ]);
  }, 120_000);
});
