import { UsageStatus } from '@sluice/proto';
import { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { exampleRoutingView } from '../src/modules/routing/testing/in-memory-routing-view.js';
import { databaseProxy, viaProxy } from './support/ledger-cluster.js';
import { createTenant, migratedDatabase } from './support/ledger-fixtures.js';
import { eventually, issueToken, startRouterApp, type RouterApp } from './support/router-app.js';
import { tcpProxy, type TcpProxy } from './support/tcp-proxy.js';
import type { TestDatabase } from './support/test-database.js';

const REDIS = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
const policy = { namespace: 'default', name: 'default' };
const request = {
  policy,
  prompt: { case: 'text' as const, value: 'Extract the invoice number.' },
  taskLabel: 'extraction',
};
const report = (decisionId: string) => ({
  usage: { decisionId, inputTokens: 40, outputTokens: 8, latencyMs: 90, status: UsageStatus.OK },
});

describe('RouterService while Redis is cut off (TCP proxies in front of Redis and PostgreSQL)', () => {
  let db: TestDatabase;
  let redisProxy: TcpProxy;
  let pgProxy: TcpProxy;
  let app: RouterApp;
  let dataSource: DataSource;
  let tenant: string;
  let auth: { metadata: { authorization: string } };

  beforeAll(async () => {
    ({ db, dataSource } = await migratedDatabase());
    redisProxy = await tcpProxy({ host: REDIS.hostname, port: Number(REDIS.port || 6379) });
    await redisProxy.open();
    pgProxy = await databaseProxy(db);
    await pgProxy.open();
    const redis = `redis://127.0.0.1:${redisProxy.port}`;
    app = await startRouterApp({ database: viaProxy(db, pgProxy), redis }, exampleRoutingView());
    tenant = await createTenant(dataSource);
    auth = { metadata: (await issueToken(app, tenant)).bearer };
  });

  afterAll(async () => {
    await app.close();
    await redisProxy.close();
    await pgProxy.close();
    await dataSource.destroy();
    await db.drop();
  });

  const bookedKeys = async () =>
    (
      await dataSource.query<Array<{ idempotency_key: string }>>(
        `SELECT idempotency_key FROM usage_records WHERE tenant_id = $1`,
        [tenant],
      )
    ).map((r) => r.idempotency_key);
  const metric = async (name: string, kind?: string) =>
    (
      await app.moduleRef.get(Registry, { strict: false }).getSingleMetric(name)?.get()
    )?.values.find((v) => kind === undefined || v.labels.kind === kind)?.value ?? 0;
  const buffered = () => metric('sluice_router_buffered', 'usage');
  const routeAndReport = async () => {
    const routed = await app.client.route(request, auth);
    const id = routed.decision?.decisionId ?? '';
    await expect(app.client.reportUsage(report(id), auth)).resolves.toMatchObject({
      duplicate: false,
    });
    return { routed, id };
  };

  it('keeps routing and writes usage to PostgreSQL itself instead of holding it', async () => {
    const before = await routeAndReport();

    await redisProxy.close();
    const during = await routeAndReport();
    expect(during.routed.decision?.target?.tier).toBe('small');
    expect(during.routed.decision?.cacheHit).toBeUndefined();
    // Booked while Redis is still away: nothing acknowledged waits in this process's memory.
    const keys = await eventually(bookedKeys, (k) => k.includes(during.id));
    expect(keys).toContain(during.id);
    expect(await buffered()).toBe(0);
    expect(await metric('sluice_router_usage_written_directly_total')).toBe(1);

    await redisProxy.open();
    // The report before the cut went through the queue as usual; each is booked once.
    const all = await eventually(bookedKeys, (k) => k.length === 2, 2400);
    expect(all.sort()).toEqual([before.id, during.id].sort());
  }, 150_000);

  it('holds usage in memory while PostgreSQL is away too, and delivers it when Redis returns', async () => {
    await pgProxy.close();
    await redisProxy.close();
    const during = await routeAndReport();
    // A few delivery rounds (one a second) fail both ways; the report stays held, in order.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await buffered()).toBe(1);

    await redisProxy.open();
    // Enqueued once Redis is back, and written by the ledger's worker once PostgreSQL is.
    expect(await eventually(buffered, (n) => n === 0, 400)).toBe(0);
    await pgProxy.open();
    // The worker resumes on its own: reconnects at most 5 s apart, and a job whose fetch was cut
    // off comes back through the stalled-job check (~15 s). Bounded by state, generous ceiling.
    const keys = await eventually(bookedKeys, (k) => k.includes(during.id), 2400);
    expect(keys).toContain(during.id);
  }, 150_000);
});
