// router.proto, UsageReport.decision_id: "While the ledger is unreachable, reports are queued and
// checked later rather than refused." A second replica, which neither routed the decision nor
// finds it in Redis, takes reports while PostgreSQL is cut off (TCP proxy), then books the one
// whose decision the ledger knows and refuses, counted, the one whose decision it does not.
import { UsageStatus } from '@sluice/proto';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { ledgerDecisionId } from '../src/modules/router/decision-ids.js';
import { exampleRoutingView } from '../src/modules/routing/testing/in-memory-routing-view.js';
import { eventually, startRouterApp, type RouterApp } from './support/router-app.js';
import { viaProxy } from './support/ledger-cluster.js';
import { routerFixture } from './support/router-fixture.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const policy = { namespace: 'default', name: 'default' };

describe('ReportUsage while PostgreSQL is cut off (TCP proxy in front of the real one)', () => {
  let other: RouterApp;
  let redis: Redis;
  // Before the fixture's: Jest runs afterAll hooks in the order they are declared, and this
  // replica must be closed before the fixture drops the database under it.
  afterAll(async () => {
    await other?.close();
    redis?.disconnect();
  });
  const routing = routerFixture({ proxyDatabase: true });
  beforeAll(async () => {
    const urls = { database: viaProxy(routing.db, routing.proxy), redis: REDIS_URL };
    // A short grace, so the unknown decision is refused within the test.
    other = await startRouterApp(urls, exampleRoutingView(), { unknownDecisionGraceMs: 2_000 });
    redis = new Redis(REDIS_URL);
  });

  const metric = async (name: string, label: string, value: string) =>
    (
      await other.moduleRef.get(Registry, { strict: false }).getSingleMetric(name)?.get()
    )?.values.find((v) => v.labels[label] === value)?.value ?? 0;
  const usageKeys = async () =>
    (
      await routing.dataSource.query<Array<{ idempotency_key: string }>>(
        `SELECT idempotency_key FROM usage_records WHERE tenant_id = $1`,
        [routing.tenant],
      )
    ).map((r) => r.idempotency_key);
  const report = (decisionId: string) => ({
    usage: { decisionId, inputTokens: 30, outputTokens: 6, status: UsageStatus.OK },
  });

  it('holds reports it cannot check, books the known decision and refuses the unknown one', async () => {
    const { decision } = await routing.app.client.route(
      { policy, prompt: { case: 'text', value: 'Extract the order id.' }, taskLabel: 'extraction' },
      routing.auth,
    );
    const known = decision?.decisionId ?? '';
    const ledgerId = ledgerDecisionId(routing.tenant, known);
    await eventually(
      () =>
        routing.dataSource.query<unknown[]>(
          `SELECT 1 FROM route_decisions WHERE decision_id = $1`,
          [ledgerId],
        ),
      (rows) => rows.length === 1,
    );
    // Only the ledger remembers it now: the other replica never routed it, and Redis forgets it.
    await redis.del(`sluice:router:v1:decision:${routing.tenant}:${ledgerId}`);
    // The other replica verifies the token while it still can (tokens are remembered 60 s).
    await other.client.route({ policy, prompt: { case: 'text', value: 'warm up' } }, routing.auth);

    await routing.proxy.close();
    await expect(other.client.reportUsage(report(known), routing.auth)).resolves.toEqual(
      expect.objectContaining({ idempotencyKey: known, duplicate: false }),
    );
    await expect(other.client.reportUsage(report('never-routed'), routing.auth)).resolves.toEqual(
      expect.objectContaining({ idempotencyKey: 'never-routed', duplicate: false }),
    );
    expect(await metric('sluice_router_buffered', 'kind', 'unchecked_usage')).toBe(2);

    await routing.proxy.open();
    const keys = await eventually(usageKeys, (k) => k.length === 1);
    expect(keys).toEqual([known]);
    const refused = await eventually(
      () => metric('sluice_router_usage_refused_late_total', 'reason', 'unknown_decision'),
      (n) => n === 1,
    );
    expect(refused).toBe(1);
    expect(await metric('sluice_router_buffered', 'kind', 'unchecked_usage')).toBe(0);
    expect(await usageKeys()).toEqual([known]);
  }, 60_000);
});
