import type { TestingModule } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { CapacityLifecycle } from '../src/modules/capacity/capacity.module.js';
import { CatalogInformers } from '../src/modules/catalog/catalog.module.js';
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

// The recorder's clock runs on a day after the objects' creation (the test server stamps real
// time): rows stamped before their object was created would be read as an earlier object's.
const DAY = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const at = (time: string): Date => new Date(`${DAY}T${time}Z`);
const PICOS_PER_USD = 1_000_000_000_000n;

describe('CapacityModule', () => {
  let env: LedgerCluster;
  let db: TestDatabase;
  let dataSource: DataSource;
  let cluster: TestCluster;
  const apps: TestingModule[] = [];
  let now = at('10:00:00');

  beforeAll(async () => {
    env = await startLedgerCluster();
    ({ db, dataSource, cluster } = env);
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await env?.close();
  });

  /** One API replica whose recorder reads the test's clock, shifted by `skewMs`. */
  async function replica(skewMs = 0): Promise<TestingModule> {
    const config = apiConfig(cluster.kubeconfigPath, db.url);
    const app = await startCapacityApi(config, () => new Date(now.getTime() + skewMs));
    apps.push(app);
    return app;
  }

  /** Every replica has seen `check` hold in its cache and written what it saw. */
  const settled = (replicas: TestingModule[], check: (app: TestingModule) => boolean) =>
    eventually(
      () =>
        replicas.every((app) => check(app) && app.get(CapacityLifecycle).recorder?.idle() === true),
      15_000,
    );
  const cached = (app: TestingModule, name: string) =>
    app.get(CatalogInformers).informers?.models.get(name, 'default');

  const capacityRows = (name: string) =>
    dataSource.query<Array<{ observed_at: Date; ready_replicas: number; gpu_hourly_usd: string }>>(
      `SELECT observed_at, ready_replicas, gpu_hourly_usd FROM capacity_history
       WHERE model_name = $1 ORDER BY observed_at`,
      [name],
    );
  const priceRows = (name: string) =>
    dataSource.query<Array<{ effective_from: Date; gpu_hourly_usd: string }>>(
      `SELECT effective_from, gpu_hourly_usd FROM model_prices WHERE model_name = $1
       ORDER BY effective_from`,
      [name],
    );
  const summary = async (name: string) =>
    (await capacityRows(name)).map((r) => `${r.observed_at.toISOString()} ${r.ready_replicas}`);

  it('appends each change once, across restarts and replicas; the window cost adds up', async () => {
    const objects = sluiceObjects(cluster.kubeConfig);
    const status = (readyReplicas: number) => ({
      readyReplicas,
      gpusPerReplica: 1,
      gpuHourlyUSD: '2.50',
    });
    await objects.create('inferencemodels', priced(aModel('gpu-a').obj(), '2.50'));
    await objects.create('inferencemodels', priced(aModel('gpu-b').obj(), '2.50'));
    await objects.patchStatus('gpu-a', status(2));
    await objects.patchStatus('gpu-b', status(1));
    const first = await replica();
    await settled([first], (app) => cached(app, 'gpu-b')?.status?.readyReplicas === 1);
    expect(await summary('gpu-a')).toEqual([`${DAY}T10:00:00.000Z 2`]);
    expect((await priceRows('gpu-a')).map((r) => r.gpu_hourly_usd)).toEqual(['2.500000']);

    now = at('11:00:00');
    await objects.patchStatus('gpu-a', status(3));
    await eventually(async () => (await capacityRows('gpu-a')).length === 2);

    // The API is down while a model scales down and another is deleted.
    await first.close();
    apps.splice(apps.indexOf(first), 1);
    now = at('11:30:00');
    await objects.patchStatus('gpu-a', status(1));
    await objects.remove('inferencemodels', 'gpu-b');
    const restarted = await replica();
    await settled([restarted], (app) => cached(app, 'gpu-a')?.status?.readyReplicas === 1);
    const expected = ['10:00:00 2', '11:00:00 3', '11:30:00 1'].map(
      (s) => `${DAY}T${s.replace(' ', '.000Z ')}`,
    );
    expect(await summary('gpu-a')).toEqual(expected);
    expect(await summary('gpu-b')).toEqual([`${DAY}T10:00:00.000Z 1`, `${DAY}T11:30:00.000Z 0`]);

    // A second replica, its clock a millisecond ahead: it sees the same state and adds nothing,
    // and each later change is recorded once between the two.
    const second = await replica(1);
    await settled([restarted, second], (app) => cached(app, 'gpu-a') !== undefined);
    expect(await summary('gpu-a')).toEqual(expected);
    now = at('12:00:00');
    await objects.patch('inferencemodels', 'gpu-a', {
      spec: { pricing: { gpuHourlyUSD: '3.00' } },
    });
    await settled(
      [restarted, second],
      (app) => cached(app, 'gpu-a')?.spec?.pricing?.gpuHourlyUSD === '3.00',
    );
    expect((await priceRows('gpu-a')).map((r) => r.gpu_hourly_usd)).toEqual([
      '2.500000',
      '3.000000',
    ]);
    now = at('12:30:00');
    await objects.remove('inferencemodels', 'gpu-a');
    await settled([restarted, second], (app) => cached(app, 'gpu-a') === undefined);
    const rows = await capacityRows('gpu-a');
    expect(rows.map((r) => r.ready_replicas)).toEqual([2, 3, 1, 0]);

    // By hand: 2 x $2.50 x 1 h + 3 x $2.50 x 0.5 h + 1 x $2.50 x 1 h = $11.25 until the deletion.
    const ledger = new LedgerRepository(dataSource);
    const model = (name: string) => ({ namespace: 'default', name });
    const window = { from: at('10:00:00'), to: at('12:30:00') };
    expect(await ledger.capacityCost(model('gpu-a'), window)).toBe((1125n * PICOS_PER_USD) / 100n);
    // gpu-b: 1 x $2.50 x 1.5 h, nothing after its deletion.
    const later = { from: at('09:00:00'), to: at('15:00:00') };
    expect(await ledger.capacityCost(model('gpu-b'), later)).toBe((375n * PICOS_PER_USD) / 100n);
  }, 90_000);

  it('records the spec tier and batch size with the replicas: their changes are changes', async () => {
    const objects = sluiceObjects(cluster.kubeConfig);
    const facts = (name: string) =>
      dataSource.query<Array<{ ready_replicas: number; tier: string; max_concurrency: number }>>(
        `SELECT ready_replicas, tier, max_concurrency FROM capacity_history
         WHERE model_name = $1 ORDER BY observed_at`,
        [name],
      );
    now = at('14:00:00');
    await objects.create('inferencemodels', priced(aModel('gpu-t').obj(), '1.00'));
    await objects.patchStatus('gpu-t', { readyReplicas: 1, gpusPerReplica: 1, gpuHourlyUSD: '1' });
    const app = await replica();
    await settled([app], (a) => cached(a, 'gpu-t')?.status?.readyReplicas === 1);
    // The CRD defaults maxNumSeqs to 256; the test server does not apply defaults, the API does.
    expect(await facts('gpu-t')).toEqual([
      { ready_replicas: 1, tier: 'small', max_concurrency: 256 },
    ]);

    now = at('14:10:00');
    await objects.patch('inferencemodels', 'gpu-t', {
      spec: { tier: 'medium', vllm: { batching: { maxNumSeqs: 32 } } },
    });
    await settled([app], (a) => cached(a, 'gpu-t')?.spec?.tier === 'medium');
    await eventually(async () => (await facts('gpu-t')).length === 2);

    now = at('14:20:00');
    await objects.remove('inferencemodels', 'gpu-t');
    await settled([app], (a) => cached(a, 'gpu-t') === undefined);
    // The zero row of a deletion keeps the last tier: idle before it is still that tier's.
    expect(await facts('gpu-t')).toEqual([
      { ready_replicas: 1, tier: 'small', max_concurrency: 256 },
      { ready_replicas: 1, tier: 'medium', max_concurrency: 32 },
      { ready_replicas: 0, tier: 'medium', max_concurrency: 32 },
    ]);
  }, 60_000);
});
