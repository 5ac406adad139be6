import type { TestingModule } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { CapacityLifecycle } from '../src/modules/capacity/capacity.module.js';
import { CatalogInformers } from '../src/modules/catalog/catalog.module.js';
import { aModel } from '../src/modules/routing/engine/testing/builders.js';
import { startCapacityApi } from './support/capacity-api.js';
import {
  databaseProxy,
  startLedgerCluster,
  viaProxy,
  type LedgerCluster,
} from './support/ledger-cluster.js';
import {
  apiConfig,
  eventually,
  priced,
  sluiceObjects,
  type TestCluster,
} from './support/sluice-cluster.js';
import type { TcpProxy } from './support/tcp-proxy.js';
import type { TestDatabase } from './support/test-database.js';

describe('CapacityModule with PostgreSQL down', () => {
  let env: LedgerCluster;
  let db: TestDatabase;
  let dataSource: DataSource;
  let cluster: TestCluster;
  let proxy: TcpProxy;
  let app: TestingModule | undefined;

  beforeAll(async () => {
    env = await startLedgerCluster();
    ({ db, dataSource, cluster } = env);
    proxy = await databaseProxy(db);
  });

  afterAll(async () => {
    await app?.close();
    await proxy?.close();
    await env?.close();
  });

  const readyReplicas = async (): Promise<number[]> =>
    (
      await dataSource.query<Array<{ ready_replicas: number }>>(
        `SELECT ready_replicas FROM capacity_history WHERE model_name = 'gpu-c' ORDER BY observed_at`,
      )
    ).map((r) => r.ready_replicas);

  it('keeps changes in memory while the database is away and writes them when it is back', async () => {
    const objects = sluiceObjects(cluster.kubeConfig);
    const status = (n: number) => ({ readyReplicas: n, gpusPerReplica: 2, gpuHourlyUSD: '1.10' });
    await objects.create('inferencemodels', priced(aModel('gpu-c').obj(), '1.10'));
    await objects.patchStatus('gpu-c', status(1));

    // Down from the start: the API starts anyway and holds the change.
    const config = apiConfig(cluster.kubeconfigPath, viaProxy(db, proxy));
    app = await startCapacityApi(config);
    const recorder = app.get(CapacityLifecycle).recorder;
    const models = app.get(CatalogInformers).informers?.models;
    await eventually(
      () => models?.get('gpu-c', 'default') !== undefined && (recorder?.backlog ?? 0) > 0,
    );
    expect(await readyReplicas()).toEqual([]);

    await proxy.open();
    await eventually(async () => (await readyReplicas()).length === 1, 20_000);
    await eventually(() => recorder?.idle() === true, 20_000);

    // Down again while running: two changes wait, in order, and are both written.
    await proxy.close();
    await objects.patchStatus('gpu-c', status(2));
    await eventually(() => models?.get('gpu-c', 'default')?.status?.readyReplicas === 2);
    await objects.patchStatus('gpu-c', status(4));
    await eventually(() => models?.get('gpu-c', 'default')?.status?.readyReplicas === 4);
    await eventually(() => recorder?.backlog === 2);
    await proxy.open();
    await eventually(async () => (await readyReplicas()).length === 3, 40_000);
    expect(await readyReplicas()).toEqual([1, 2, 4]);
  }, 90_000);
});
