import type { DataSource } from 'typeorm';
import { runMigrations } from '../../src/database/migrate.js';
import { openDataSource } from './ledger-fixtures.js';
import { installSluiceCrds, startTestCluster, type TestCluster } from './sluice-cluster.js';
import { tcpProxy, type TcpProxy } from './tcp-proxy.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** A migrated database of its own and a test cluster with the Sluice CRDs, as the recorders need. */
export interface LedgerCluster {
  readonly db: TestDatabase;
  /** For the test's own reads and writes; the API under test opens its own. */
  readonly dataSource: DataSource;
  readonly cluster: TestCluster;
  close(): Promise<void>;
}

export async function startLedgerCluster(): Promise<LedgerCluster> {
  const db = await createTestDatabase();
  await runMigrations(db.url);
  const dataSource = await openDataSource(db.url);
  const cluster = await startTestCluster();
  await installSluiceCrds(cluster.kubeConfig);
  return {
    db,
    dataSource,
    cluster,
    close: async () => {
      await dataSource.destroy();
      await cluster.close();
      await db.drop();
    },
  };
}

/** A proxy in front of `db`'s server, so a test can take PostgreSQL away and bring it back. */
export function databaseProxy(db: TestDatabase): Promise<TcpProxy> {
  const url = new URL(db.url);
  return tcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
}

/** `db`'s URL, but through `proxy`. */
export function viaProxy(db: TestDatabase, proxy: TcpProxy): string {
  const url = new URL(db.url);
  url.host = `127.0.0.1:${proxy.port}`;
  return url.toString();
}
