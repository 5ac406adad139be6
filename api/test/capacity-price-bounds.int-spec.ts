// A GPU price past the CRD's bound that is already stored (an object from before the bound; the
// status the operator copied from it) against the real recorder, cluster and PostgreSQL: it must
// neither stall the recording of every other model (numeric(20,6) overflows at 1e14) nor be
// booked; the last accepted price stands.
import type { TestingModule } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { CapacityLifecycle } from '../src/modules/capacity/capacity.module.js';
import { CatalogInformers } from '../src/modules/catalog/catalog.module.js';
import { aModel } from '../src/modules/routing/engine/testing/builders.js';
import { startCapacityApi } from './support/capacity-api.js';
import { startLedgerCluster, type LedgerCluster } from './support/ledger-cluster.js';
import { apiConfig, eventually, priced, sluiceObjects } from './support/sluice-cluster.js';

const ABSURD = '100000000000000'; // 1e14 USD per GPU-hour

describe('CapacityModule with a price past its bound', () => {
  let env: LedgerCluster;
  let dataSource: DataSource;
  let app: TestingModule | undefined;

  beforeAll(async () => {
    env = await startLedgerCluster();
    ({ dataSource } = env);
  });

  afterAll(async () => {
    await app?.close();
    await env?.close();
  });

  const rows = async (name: string) =>
    (
      await dataSource.query<Array<{ ready_replicas: number; gpu_hourly_usd: string }>>(
        `SELECT ready_replicas, gpu_hourly_usd FROM capacity_history WHERE model_name = $1
         ORDER BY observed_at`,
        [name],
      )
    ).map((r) => `${r.ready_replicas} x ${r.gpu_hourly_usd}`);

  const idleWith = (check: (recorded: TestingModule) => boolean) =>
    eventually(
      () => app !== undefined && check(app) && app.get(CapacityLifecycle).recorder?.idle() === true,
      15_000,
    );
  const status = (name: string) =>
    app?.get(CatalogInformers).informers?.models.get(name, 'default')?.status;

  it('records every other model, books nothing absurd, and keeps the last accepted price', async () => {
    const objects = sluiceObjects(env.cluster.kubeConfig);
    const gpu = (readyReplicas: number, gpuHourlyUSD: string) => ({
      readyReplicas,
      gpusPerReplica: 1,
      gpuHourlyUSD,
    });
    await objects.create('inferencemodels', priced(aModel('absurd').obj(), '2.50'));
    await objects.patchStatus('absurd', gpu(1, ABSURD));
    await objects.create('inferencemodels', priced(aModel('sane').obj(), '2.50'));
    await objects.patchStatus('sane', gpu(1, '2.50'));

    app = await startCapacityApi(apiConfig(env.cluster.kubeconfigPath, env.db.url));
    await idleWith(() => status('sane')?.readyReplicas === 1 && status('absurd') !== undefined);
    expect(await rows('sane')).toEqual(['1 x 2.500000']);
    expect(await rows('absurd')).toEqual([]);

    // Fixed: recorded. Absurd again while it scales: the replicas count, at the last sane price.
    await objects.patchStatus('absurd', gpu(1, '3.00'));
    await idleWith(() => status('absurd')?.gpuHourlyUSD === '3.00');
    await objects.patchStatus('absurd', gpu(2, ABSURD));
    await idleWith(() => status('absurd')?.readyReplicas === 2);
    expect(await rows('absurd')).toEqual(['1 x 3.000000', '2 x 3.000000']);
  }, 60_000);
});
