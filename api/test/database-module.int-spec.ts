import { Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { TestingModule } from '@nestjs/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CONNECT_BACKOFF } from '../src/database/database-connector.js';
import { DatabaseHealth } from '../src/database/database.module.js';
import { runMigrations } from '../src/database/migrate.js';
import { GrpcStatus } from '../src/grpc/sluice-error.js';
import { TenantsRepository } from '../src/modules/tenants/tenants.repository.js';
import { tcpProxy } from './support/tcp-proxy.js';
import { startPersistence } from './support/test-app.js';
import { ADMIN_URL, testDatabase, type TestDatabase } from './support/test-database.js';

/** Polls until `condition` holds; the connector's first retry comes after about a second. */
async function eventually(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sessions the API holds on `database`, as PostgreSQL sees them. */
async function apiSessions(database: string): Promise<number> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: number }>(
      `select count(*)::int as count from pg_stat_activity
       where datname = $1 and application_name = 'sluice-api'`,
      [database],
    );
    return rows[0]?.count ?? -1;
  } finally {
    await client.end();
  }
}

/** What the recorders and writers see when Nest starts them (their onApplicationBootstrap). */
@Injectable()
class BootstrapProbe implements OnApplicationBootstrap {
  connectedAtBootstrap: boolean | undefined;
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}
  onApplicationBootstrap(): void {
    this.connectedAtBootstrap = this.dataSource.isInitialized;
  }
}
@Module({ providers: [BootstrapProbe], exports: [BootstrapProbe] })
class ProbeModule {}
// One import deeper than DatabaseModule: Nest runs the deepest modules' hooks first.
@Module({ imports: [ProbeModule] })
class FeatureModule {}

describe('DatabaseModule', () => {
  const cleanup: Array<() => Promise<void>> = [];

  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function database(create: boolean): Promise<TestDatabase> {
    const db = testDatabase();
    if (create) await db.create();
    cleanup.push(() => db.drop());
    return db;
  }

  async function start(url: string): Promise<TestingModule> {
    const moduleRef = await startPersistence(url);
    cleanup.push(() => moduleRef.close());
    return moduleRef;
  }

  async function stop(moduleRef: TestingModule): Promise<void> {
    cleanup.pop();
    await moduleRef.close();
  }

  it('reports PostgreSQL up on a healthy database and disconnects on close', async () => {
    const db = await database(true);
    const moduleRef = await start(db.url);

    await expect(moduleRef.get(DatabaseHealth).isUp()).resolves.toBe(true);
    await expect(moduleRef.get(DatabaseHealth).check()).resolves.toBeUndefined();
    await expect(apiSessions(db.name)).resolves.toBeGreaterThan(0);

    await stop(moduleRef);
    // A backend leaves pg_stat_activity a moment after its client hangs up.
    await eventually(async () => (await apiSessions(db.name)) === 0, 2000);
  });

  it('is connected before any module is bootstrapped, so first writes do not fail', async () => {
    const db = await database(true);
    const moduleRef = await startPersistence(db.url, [FeatureModule]);
    cleanup.push(() => moduleRef.close());

    expect(moduleRef.get(BootstrapProbe).connectedAtBootstrap).toBe(true);
  });

  it('starts without the database and connects once it exists', async () => {
    const db = await database(false);
    const moduleRef = await start(db.url);
    const health = moduleRef.get(DatabaseHealth);
    const tenants = moduleRef.get(TenantsRepository);

    await expect(health.isUp()).resolves.toBe(false);
    await expect(health.check()).rejects.toThrow(`database "${db.name}" does not exist`);
    await expect(tenants.list()).rejects.toMatchObject({ code: GrpcStatus.UNAVAILABLE });

    await db.create();
    await runMigrations(db.url);
    await eventually(() => health.isUp(), 10_000);
    await expect(tenants.list()).resolves.toEqual([]);
  }, 20_000);

  it('stops retrying once closed', async () => {
    const db = await database(true);
    const admin = new URL(ADMIN_URL);
    const proxy = await tcpProxy({ host: admin.hostname, port: Number(admin.port || 5432) });
    cleanup.push(() => proxy.close());
    const viaProxy = new URL(db.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);

    const moduleRef = await start(viaProxy.toString());
    await expect(moduleRef.get(DatabaseHealth).check()).rejects.toThrow('ECONNREFUSED');
    await stop(moduleRef);

    // Reachable from now on: a retry that was not cancelled would connect and stay connected.
    await proxy.open();
    await new Promise((resolve) => setTimeout(resolve, CONNECT_BACKOFF.initialMs + 1000));
    await expect(apiSessions(db.name)).resolves.toBe(0);
  }, 10_000);
});
