import { UsageStatus } from '@sluice/proto';
import { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { exampleRoutingView } from '../src/modules/routing/testing/in-memory-routing-view.js';
import { createTenant, migratedDatabase } from './support/ledger-fixtures.js';
import { eventually, issueToken, startRouterApp, type RouterApp } from './support/router-app.js';
import { tcpProxy, type TcpProxy } from './support/tcp-proxy.js';
import type { TestDatabase } from './support/test-database.js';

const REDIS = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
const policy = { namespace: 'default', name: 'default' };

describe('RouterService while Redis is cut off (TCP proxy in front of the real Redis)', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let app: RouterApp;
  let dataSource: DataSource;
  let tenant: string;
  let auth: { metadata: { authorization: string } };

  beforeAll(async () => {
    ({ db, dataSource } = await migratedDatabase());
    proxy = await tcpProxy({ host: REDIS.hostname, port: Number(REDIS.port || 6379) });
    await proxy.open();
    const redis = `redis://127.0.0.1:${proxy.port}`;
    app = await startRouterApp({ database: db.url, redis }, exampleRoutingView());
    tenant = await createTenant(dataSource);
    auth = { metadata: (await issueToken(app, tenant)).bearer };
  });

  afterAll(async () => {
    await app.close();
    await proxy.close();
    await dataSource.destroy();
    await db.drop();
  });

  const usageRows = () =>
    dataSource.query<Array<{ idempotency_key: string }>>(
      `SELECT idempotency_key FROM usage_records WHERE tenant_id = $1 ORDER BY idempotency_key`,
      [tenant],
    );
  const buffered = async () =>
    (
      await app.moduleRef
        .get(Registry, { strict: false })
        .getSingleMetric('sluice_router_buffered')
        ?.get()
    )?.values.find((v) => v.labels.kind === 'usage')?.value ?? 0;

  it('keeps routing, buffers usage in memory, and delivers it when Redis is back', async () => {
    const request = {
      policy,
      prompt: { case: 'text' as const, value: 'Extract the invoice number.' },
      taskLabel: 'extraction',
    };
    const report = (decisionId: string) => ({
      usage: {
        decisionId,
        inputTokens: 40,
        outputTokens: 8,
        latencyMs: 90,
        status: UsageStatus.OK,
      },
    });
    const before = await app.client.route(request, auth);
    await app.client.reportUsage(report(before.decision?.decisionId ?? ''), auth);

    await proxy.close();
    const during = await app.client.route(request, auth);
    expect(during.decision?.target?.tier).toBe('small');
    expect(during.decision?.cacheHit).toBeUndefined();
    const duringId = during.decision?.decisionId ?? '';
    await expect(app.client.reportUsage(report(duringId), auth)).resolves.toMatchObject({
      duplicate: false,
    });
    expect(await buffered()).toBe(1);

    await proxy.open();
    // The usage worker resumes on its own after the outage: reconnects at most 5 s apart, and a
    // job whose fetch was cut off comes back through the stalled-job check (~15 s; it took a
    // minute with BullMQ's defaults). The wait is bounded by state, with a generous ceiling.
    const rows = await eventually(usageRows, (r) => r.length === 2, 2400);
    expect(rows.map((r) => r.idempotency_key).sort()).toEqual(
      [before.decision?.decisionId, duringId].sort(),
    );
    expect(await buffered()).toBe(0);
  }, 150_000);
});
