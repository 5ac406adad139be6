import { Test, type TestingModule } from '@nestjs/testing';
import { createLogger, loggingModule, ObservabilityModule } from '@sluice/common';
import type { DataSource } from 'typeorm';
import { ApiConfigModule } from '../src/config/api-config.js';
import { DatabaseModule } from '../src/database/database.module.js';
import { runMigrations } from '../src/database/migrate.js';
import { CapacityLifecycle, CapacityModule } from '../src/modules/capacity/capacity.module.js';
import { CatalogInformers } from '../src/modules/catalog/catalog.module.js';
import { aModel } from '../src/modules/routing/engine/testing/builders.js';
import { openDataSource } from './support/ledger-fixtures.js';
import {
  apiConfig,
  eventually,
  installSluiceCrds,
  priced,
  sluiceObjects,
  startTestCluster,
  type TestCluster,
} from './support/sluice-cluster.js';
import { tcpProxy, type TcpProxy } from './support/tcp-proxy.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

describe('CapacityModule with PostgreSQL down', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let cluster: TestCluster;
  let proxy: TcpProxy;
  let app: TestingModule | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    await runMigrations(db.url);
    dataSource = await openDataSource(db.url);
    cluster = await startTestCluster();
    await installSluiceCrds(cluster.kubeConfig);
    const url = new URL(db.url);
    proxy = await tcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
  });

  afterAll(async () => {
    await app?.close();
    await proxy?.close();
    await dataSource?.destroy();
    await cluster?.close();
    await db?.drop();
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
    const viaProxy = new URL(db.url);
    viaProxy.port = String(proxy.port);
    const config = apiConfig(cluster.kubeconfigPath, viaProxy.toString());
    app = await Test.createTestingModule({
      imports: [
        ApiConfigModule.forRoot(config),
        loggingModule(createLogger(config, 'api-test')),
        ObservabilityModule.forRoot('api'),
        DatabaseModule,
        CapacityModule,
      ],
    }).compile();
    await app.init();
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
