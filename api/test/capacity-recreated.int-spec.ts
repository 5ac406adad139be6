import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { CustomObjectsApi } from '@kubernetes/client-node';
import type { TestingModule } from '@nestjs/testing';
import type { InferenceModel } from '@sluice/crds';
import { GetCostReportRequestSchema } from '@sluice/proto';
import type { DataSource } from 'typeorm';
import { CapacityLifecycle } from '../src/modules/capacity/capacity.module.js';
import { EconomicsLoader } from '../src/modules/economics/economics-loader.js';
import { EconomicsRepository } from '../src/modules/economics/economics.repository.js';
import { EconomicsService } from '../src/modules/economics/economics.service.js';
import { LedgerRepository } from '../src/modules/ledger/ledger.repository.js';
import { aModel } from '../src/modules/routing/engine/testing/builders.js';
import { startCapacityApi } from './support/capacity-api.js';
import { startLedgerCluster, type LedgerCluster } from './support/ledger-cluster.js';
import {
  apiConfig,
  eventually,
  priced,
  sluiceObjects,
  type TestCluster,
} from './support/sluice-cluster.js';
import type { TestDatabase } from './support/test-database.js';

const MINUTE = 60_000;
const plus = (at: Date, minutes: number) => new Date(at.getTime() + minutes * MINUTE);

// The ledger outlives the objects it describes: a local run keeps its PostgreSQL between runs
// while its cluster starts empty, and in a cluster a model can be deleted and created again
// while no API watches. The new object must not inherit the old one's running capacity.
describe('CapacityRecorder and a model created again under the same name', () => {
  const state = { readyReplicas: 2, gpusPerReplica: 1, gpuHourlyUSD: '3' };
  let env: LedgerCluster;
  let db: TestDatabase;
  let dataSource: DataSource;
  let cluster: TestCluster;
  let app: TestingModule | undefined;

  beforeAll(async () => {
    env = await startLedgerCluster();
    ({ db, dataSource, cluster } = env);
  });

  afterAll(async () => {
    await app?.close();
    await env?.close();
  });

  /**
   * An API whose recorder reads `clock`; `local`: it runs `sluice dev`'s local world, and
   * `previousRunEndedAt` is when the run before it was killed.
   */
  async function recorderAt(
    clock: () => Date,
    local = false,
    previousRunEndedAt?: Date,
  ): Promise<TestingModule> {
    const settings = apiConfig(cluster.kubeconfigPath, db.url);
    const localWorld = {
      localEndpoints: new Map<string, string>(),
      ...(previousRunEndedAt && { previousLocalRunEndedAt: previousRunEndedAt }),
    };
    return startCapacityApi(local ? { ...settings, ...localWorld } : settings, clock);
  }

  const capacityRows = async (name: string) =>
    (
      await dataSource.query<Array<{ observed_at: Date; ready_replicas: number }>>(
        `SELECT observed_at, ready_replicas FROM capacity_history WHERE model_name = $1
         ORDER BY observed_at`,
        [name],
      )
    ).map((r) => [r.observed_at.toISOString(), r.ready_replicas]);

  async function createdAt(name: string): Promise<Date> {
    const custom = cluster.kubeConfig.makeApiClient(CustomObjectsApi);
    const object = (await custom.getNamespacedCustomObject({
      group: 'sluice.dev',
      version: 'v1alpha1',
      plural: 'inferencemodels',
      namespace: 'default',
      name,
    })) as InferenceModel;
    return new Date(object.metadata?.creationTimestamp ?? '');
  }

  /** One model's GPU cost over a window, as an unscoped admin reads it. */
  const selfHostedUsd = async (name: string, from: Date, to: Date, now = to) => {
    // Read on the test's clock: by default at the window's end, as if that were now.
    const repository = new EconomicsRepository(dataSource, () => now);
    const economics = new EconomicsService(new EconomicsLoader(repository), repository);
    const admin = { tenantId: '', tenantName: 'x', tokenId: 'k', scope: {}, admin: true };
    const request = create(GetCostReportRequestSchema, {
      window: { start: timestampFromDate(from), end: timestampFromDate(to) },
      filters: [{ dimension: 'model', values: [`default/${name}`] }],
    });
    return (await economics.costReport(request, admin)).total?.cost?.selfHostedUsd;
  };

  it('costs replicas x minutes since it was first seen, not the earlier object it replaced', async () => {
    const objects = sluiceObjects(cluster.kubeConfig);
    await objects.create('inferencemodels', priced(aModel('young').obj(), '3'));
    await objects.patchStatus('young', state);
    const created = await createdAt('young');
    // An earlier object of that name, recorded running by an earlier API run three hours before
    // this one was created; nobody saw it deleted.
    const model = { namespace: 'default', name: 'young' };
    await new LedgerRepository(dataSource).recordCapacity(model, {
      observedAt: plus(created, -180),
      ...state,
    });

    // The API starts an hour after the creation and sees the model for the first time.
    const firstSeen = plus(created, 60);
    app = await recorderAt(() => firstSeen);
    const recorder = app.get(CapacityLifecycle).recorder;
    await eventually(() => recorder?.idle() === true, 15_000);

    // Ten minutes later, the last hour: 2 replicas x 1 GPU x $3 x 10 min = $1 exactly.
    const now = plus(firstSeen, 10);
    await expect(selfHostedUsd('young', plus(now, -60), now)).resolves.toBe('1');
    // A window reaching past now is charged only up to now: GPU time not yet run costs nothing.
    await expect(selfHostedUsd('young', plus(now, -60), plus(now, 50), now)).resolves.toBe('1');
    // The earlier object ran until this one existed at the latest; from then until it was first
    // seen, nothing was known to run.
    expect(await capacityRows('young')).toEqual([
      [plus(created, -180).toISOString(), 2],
      [created.toISOString(), 0],
      [firstSeen.toISOString(), 2],
    ]);
    await app.close();
    app = undefined;
  }, 60_000);

  it('a local run stops its models with it, so the next run charges only its own', async () => {
    const objects = sluiceObjects(cluster.kubeConfig);
    await objects.create('inferencemodels', priced(aModel('local').obj(), '3'));
    await objects.patchStatus('local', state);
    let now = plus(await createdAt('local'), 1);
    const firstRun = await recorderAt(() => now, true);
    await eventually(() => firstRun.get(CapacityLifecycle).recorder?.idle() === true, 15_000);
    now = plus(now, 30);
    await firstRun.close(); // Ctrl-C: the local world stops right after the API

    // Hours later the next run starts a new local world from the same manifests.
    await objects.remove('inferencemodels', 'local');
    await objects.create('inferencemodels', priced(aModel('local').obj(), '3'));
    await objects.patchStatus('local', state);
    const firstSeen = plus(now, 180);
    app = await recorderAt(() => firstSeen, true);
    const recorder = app.get(CapacityLifecycle).recorder;
    await eventually(() => recorder?.idle() === true, 15_000);

    // Ten minutes into this run, the last hour: 2 replicas x 1 GPU x $3 x 10 min = $1 exactly.
    const at = plus(firstSeen, 10);
    await expect(selfHostedUsd('local', plus(at, -60), at)).resolves.toBe('1');
    // The first run: 2 x $3 x 30 min.
    await expect(selfHostedUsd('local', plus(now, -30), plus(now, 1))).resolves.toBe('3');
    await app.close();
    app = undefined;
  }, 60_000);

  it('a killed local run: the next run stops its models when it was last seen alive', async () => {
    const objects = sluiceObjects(cluster.kubeConfig);
    await objects.create('inferencemodels', priced(aModel('killed').obj(), '3'));
    const created = await createdAt('killed');
    // The killed run recorded both models running, then was last seen alive 30 minutes in.
    const ledger = new LedgerRepository(dataSource);
    for (const name of ['killed', 'vanished'])
      await ledger.recordCapacity(
        { namespace: 'default', name },
        {
          observedAt: plus(created, 1),
          ...state,
        },
      );
    const lastAlive = plus(created, 30);

    // Hours later the next run's local world has `killed` again (same manifests), not `vanished`.
    await objects.patchStatus('killed', state);
    const firstSeen = plus(created, 180);
    app = await recorderAt(() => firstSeen, true, lastAlive);
    const recorder = app.get(CapacityLifecycle).recorder;
    await eventually(() => recorder?.idle() === true, 15_000);

    const stamp = (minutes: number) => plus(created, minutes).toISOString();
    expect(await capacityRows('killed')).toEqual([
      [stamp(1), 2],
      [stamp(30), 0],
      [firstSeen.toISOString(), 2],
    ]);
    expect(await capacityRows('vanished')).toEqual([
      [stamp(1), 2],
      [stamp(30), 0],
    ]);
    // Nothing ran between the two runs: 2 x $3 x 29 min before, then nothing until firstSeen.
    await expect(selfHostedUsd('killed', plus(created, 1), firstSeen)).resolves.toBe('2.9');
    await app.close();
    app = undefined;
  }, 60_000);
});
