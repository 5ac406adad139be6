// router.proto, UsageReport.decision_id: "While the ledger is unreachable, reports are queued and
// checked later rather than refused." A second replica, which neither routed the decision nor
// finds it in Redis, takes reports while PostgreSQL is cut off (TCP proxy), then books the one
// whose decision the ledger knows and refuses, counted, the one whose decision it does not.
import { UsageStatus } from '@sluice/proto';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { ledgerDecisionId } from '../src/modules/router/decision-ids.js';
import { exampleRoutingView } from '../src/modules/routing/testing/in-memory-routing-view.js';
import { createTenant, migratedDatabase } from './support/ledger-fixtures.js';
import { eventually, issueToken, startRouterApp, type RouterApp } from './support/router-app.js';
import { databaseProxy, viaProxy } from './support/ledger-cluster.js';
import type { TcpProxy } from './support/tcp-proxy.js';
import type { TestDatabase } from './support/test-database.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const policy = { namespace: 'default', name: 'default' };

describe('ReportUsage while PostgreSQL is cut off (TCP proxy in front of the real one)', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let routing: RouterApp;
  let other: RouterApp;
  let dataSource: DataSource;
  let redis: Redis;
  let tenant: string;
  let auth: { metadata: { authorization: string } };

  beforeAll(async () => {
    ({ db, dataSource } = await migratedDatabase());
    proxy = await databaseProxy(db);
    await proxy.open();
    const urls = { database: viaProxy(db, proxy), redis: REDIS_URL };
    routing = await startRouterApp(urls, exampleRoutingView());
    // A short grace, so the unknown decision is refused within the test.
    other = await startRouterApp(urls, exampleRoutingView(), { unknownDecisionGraceMs: 2_000 });
    redis = new Redis(REDIS_URL);
    tenant = await createTenant(dataSource);
    auth = { metadata: (await issueToken(routing, tenant)).bearer };
  });

  afterAll(async () => {
    await routing.close();
    await other.close();
    await proxy.close();
    redis.disconnect();
    await dataSource.destroy();
    await db.drop();
  });

  const metric = async (name: string, label: string, value: string) =>
    (
      await other.moduleRef.get(Registry, { strict: false }).getSingleMetric(name)?.get()
    )?.values.find((v) => v.labels[label] === value)?.value ?? 0;
  const usageKeys = async () =>
    (
      await dataSource.query<Array<{ idempotency_key: string }>>(
        `SELECT idempotency_key FROM usage_records WHERE tenant_id = $1`,
        [tenant],
      )
    ).map((r) => r.idempotency_key);
  const report = (decisionId: string) => ({
    usage: { decisionId, inputTokens: 30, outputTokens: 6, status: UsageStatus.OK },
  });

  it('holds reports it cannot check, books the known decision and refuses the unknown one', async () => {
    const { decision } = await routing.client.route(
      { policy, prompt: { case: 'text', value: 'Extract the order id.' }, taskLabel: 'extraction' },
      auth,
    );
    const known = decision?.decisionId ?? '';
    const ledgerId = ledgerDecisionId(tenant, known);
    await eventually(
      () =>
        dataSource.query<unknown[]>(`SELECT 1 FROM route_decisions WHERE decision_id = $1`, [
          ledgerId,
        ]),
      (rows) => rows.length === 1,
    );
    // Only the ledger remembers it now: the other replica never routed it, and Redis forgets it.
    await redis.del(`sluice:router:v1:decision:${tenant}:${ledgerId}`);
    // The other replica verifies the token while it still can (tokens are remembered 60 s).
    await other.client.route({ policy, prompt: { case: 'text', value: 'warm up' } }, auth);

    await proxy.close();
    await expect(other.client.reportUsage(report(known), auth)).resolves.toEqual(
      expect.objectContaining({ idempotencyKey: known, duplicate: false }),
    );
    await expect(other.client.reportUsage(report('never-routed'), auth)).resolves.toEqual(
      expect.objectContaining({ idempotencyKey: 'never-routed', duplicate: false }),
    );
    expect(await metric('sluice_router_buffered', 'kind', 'unchecked_usage')).toBe(2);

    await proxy.open();
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
