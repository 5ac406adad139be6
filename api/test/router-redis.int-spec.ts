import { UsageStatus } from '@sluice/proto';
import { Registry } from 'prom-client';
import { eventually } from './support/router-app.js';
import { tcpProxy } from './support/tcp-proxy.js';
import { routerFixture } from './support/router-fixture.js';

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
  const fixture = routerFixture({
    proxyDatabase: true,
    redis: async () => {
      const proxy = await tcpProxy({ host: REDIS.hostname, port: Number(REDIS.port || 6379) });
      await proxy.open();
      return { proxy, url: `redis://127.0.0.1:${proxy.port}`, stop: () => proxy.close() };
    },
  });

  const bookedKeys = async () =>
    (
      await fixture.dataSource.query<Array<{ idempotency_key: string }>>(
        `SELECT idempotency_key FROM usage_records WHERE tenant_id = $1`,
        [fixture.tenant],
      )
    ).map((r) => r.idempotency_key);
  const metric = async (name: string, kind?: string) =>
    (
      await fixture.app.moduleRef.get(Registry, { strict: false }).getSingleMetric(name)?.get()
    )?.values.find((v) => kind === undefined || v.labels.kind === kind)?.value ?? 0;
  const buffered = () => metric('sluice_router_buffered', 'usage');
  const routeAndReport = async () => {
    const routed = await fixture.app.client.route(request, fixture.auth);
    const id = routed.decision?.decisionId ?? '';
    await expect(fixture.app.client.reportUsage(report(id), fixture.auth)).resolves.toMatchObject({
      duplicate: false,
    });
    return { routed, id };
  };

  it('keeps routing and writes usage to PostgreSQL itself instead of holding it', async () => {
    const before = await routeAndReport();

    await fixture.redis.proxy.close();
    const during = await routeAndReport();
    expect(during.routed.decision?.target?.tier).toBe('small');
    expect(during.routed.decision?.cacheHit).toBeUndefined();
    // Booked while Redis is still away: nothing acknowledged waits in this process's memory.
    const keys = await eventually(bookedKeys, (k) => k.includes(during.id));
    expect(keys).toContain(during.id);
    expect(await buffered()).toBe(0);
    // Both reports: with PostgreSQL up, usage is committed before its ack whatever Redis does.
    expect(await metric('sluice_router_usage_written_directly_total')).toBe(2);

    await fixture.redis.proxy.open();
    // Each is booked once.
    const all = await eventually(bookedKeys, (k) => k.length === 2, 2400);
    expect(all.sort()).toEqual([before.id, during.id].sort());
  }, 150_000);

  it('holds usage in memory while PostgreSQL is away too, and delivers it when Redis returns', async () => {
    await fixture.proxy.close();
    await fixture.redis.proxy.close();
    const during = await routeAndReport();
    // A few delivery rounds (one a second) fail both ways; the report stays held, in order.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await buffered()).toBe(1);

    await fixture.redis.proxy.open();
    // Enqueued once Redis is back, and written by the ledger's worker once PostgreSQL is.
    expect(await eventually(buffered, (n) => n === 0, 400)).toBe(0);
    await fixture.proxy.open();
    // The worker resumes on its own: reconnects at most 5 s apart, and a job whose fetch was cut
    // off comes back through the stalled-job check (~15 s). Bounded by state, generous ceiling.
    const keys = await eventually(bookedKeys, (k) => k.includes(during.id), 2400);
    expect(keys).toContain(during.id);
  }, 150_000);
});
