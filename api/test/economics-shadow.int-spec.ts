// Shadow sampling end to end: Route with a policy that shadows every simple query, ReportUsage
// for the decision and for its shadow, then EconomicsService over what the ledger booked.
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  GetSavingsRequestSchema,
  GetUnitEconomicsRequestSchema,
  UsageStatus,
  type RouteDecision,
} from '@sluice/proto';
import type { DataSource } from 'typeorm';
import type { Caller } from '../src/grpc/auth/caller.js';
import { runMigrations } from '../src/database/migrate.js';
import { EconomicsLoader } from '../src/modules/economics/economics-loader.js';
import { EconomicsRepository } from '../src/modules/economics/economics.repository.js';
import { EconomicsService } from '../src/modules/economics/economics.service.js';
import { LedgerRepository } from '../src/modules/ledger/ledger.repository.js';
import { UsageRollup } from '../src/modules/ledger/usage-rollup.js';
import { ledgerDecisionId } from '../src/modules/router/decision-ids.js';
import { exampleModels } from '../src/modules/routing/engine/testing/examples.js';
import {
  exampleRoutingPolicy,
  InMemoryRoutingView,
} from '../src/modules/routing/testing/in-memory-routing-view.js';
import { createTenant, openDataSource } from './support/ledger-fixtures.js';
import { itBalancesItsBooks } from './support/books-balance.js';
import { eventually, issueToken, startRouterApp, type RouterApp } from './support/router-app.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const HOUR_MS = 3_600_000;

/** The example policy, judging every simple-routed query on the frontier tier. */
function alwaysShadowed(): InMemoryRoutingView {
  const policy = exampleRoutingPolicy();
  if (policy.spec === undefined) throw new Error('the example policy has a spec');
  const spec = { ...policy.spec, shadow: { tier: 'frontier', samplePercent: 100 } };
  return new InMemoryRoutingView().put(
    { ...policy, spec },
    exampleModels().map((m) => m.obj()),
  );
}

describe('shadow calls in the economics (Router -> ledger -> EconomicsService)', () => {
  let db: TestDatabase;
  let app: RouterApp;
  let dataSource: DataSource;
  let economics: EconomicsService;
  let caller: Caller;
  let decision: RouteDecision;
  // One whole UTC hour behind, so the rollup can absorb the reports (occurred_at is ours).
  const occurredAt = new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS - HOUR_MS / 2);
  const window = {
    start: timestampFromDate(new Date(occurredAt.getTime() - HOUR_MS)),
    end: timestampFromDate(new Date(occurredAt.getTime() + HOUR_MS)),
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await runMigrations(db.url);
    dataSource = await openDataSource(db.url);
    app = await startRouterApp({ database: db.url, redis: REDIS_URL }, alwaysShadowed());
    const tenant = await createTenant(dataSource);
    const auth = { metadata: (await issueToken(app, tenant)).bearer };
    caller = { tenantId: tenant, tenantName: 't', tokenId: 'k', scope: {}, admin: false };
    const repository = new EconomicsRepository(dataSource);
    economics = new EconomicsService(new EconomicsLoader(repository), repository);
    // Per 1M tokens: the small tier $0.20 in / $0.80 out, the frontier judge $5 / $15.
    const ledger = new LedgerRepository(dataSource);
    const since = new Date(occurredAt.getTime() - 2 * HOUR_MS);
    for (const name of ['llama-3-1-8b-awq', 'ticket-classifier']) {
      const small = { provider: 'external', inputPer1M: '0.20', outputPer1M: '0.80' } as const;
      await ledger.recordPrice({ namespace: 'default', name }, small, since);
    }
    const frontier = { provider: 'external', inputPer1M: '5', outputPer1M: '15' } as const;
    await ledger.recordPrice({ namespace: 'default', name: 'gpt-4o' }, frontier, since);

    const routed = await app.client.route(
      {
        policy: { namespace: 'default', name: 'default' },
        prompt: { case: 'text', value: 'Is this ticket about a refund?' },
        taskLabel: 'classification',
      },
      auth,
    );
    if (routed.decision?.shadow === undefined) throw new Error('the query was not shadowed');
    decision = routed.decision;
    const report = (decisionId: string, inputTokens: number, outputTokens: number) =>
      app.client.reportUsage(
        {
          usage: {
            decisionId,
            inputTokens,
            outputTokens,
            status: UsageStatus.OK,
            occurredAt: timestampFromDate(occurredAt),
          },
        },
        auth,
      );
    await report(decision.decisionId, 1000, 100);
    await report(decision.shadow?.decisionId ?? '', 1000, 200);
    await eventually(
      () =>
        dataSource.query<unknown[]>(`SELECT 1 FROM usage_records WHERE tenant_id = $1`, [tenant]),
      (rows) => rows.length === 2,
    );
  });

  afterAll(async () => {
    await app?.close();
    await dataSource?.destroy();
    await db?.drop();
  });

  const savings = () => economics.savings(create(GetSavingsRequestSchema, { window }), caller);
  const unit = () =>
    economics.unitEconomics(create(GetUnitEconomicsRequestSchema, { window }), caller);

  it('books the shadow decision and its usage as shadow, the query as not', async () => {
    // Decisions are written behind Route's answer, in batches.
    const rows = await eventually(
      () =>
        dataSource.query<Array<{ decision_id: string; d: boolean; u: boolean }>>(
          `SELECT d.decision_id, d.shadow AS d, u.shadow AS u
           FROM route_decisions d JOIN usage_records u USING (decision_id) WHERE d.tenant_id = $1`,
          [caller.tenantId],
        ),
      (found) => found.length === 2,
    );
    const shadowId = ledgerDecisionId(caller.tenantId, decision.shadow?.decisionId ?? '');
    expect(rows.map((r) => [r.decision_id === shadowId, r.d, r.u]).sort()).toEqual([
      [false, false, false],
      [true, true, true],
    ]);
  });

  it('counts one query, two model calls, and the shadow cost apart, before and after a rollup', async () => {
    // Query: 1000 x $0.20 + 100 x $0.80 per 1M = $0.00028. Shadow: 1000 x $5 + 200 x $15 per
    // 1M = $0.008. Baseline: the query alone on gpt-4o, 1000 x $5 + 100 x $15 per 1M = $0.0065.
    const expected = {
      queries: 1n,
      actualCostUsd: '0.00828',
      shadowCostUsd: '0.008',
      frontierBaselineCostUsd: '0.0065',
    };
    expect((await savings()).total).toMatchObject(expected);
    const usage = { queries: 1n, modelCalls: 2n, cacheHits: 0n, inputTokens: 2000n };
    const before = (await unit()).total;
    expect(before).toMatchObject({ usage, costUsd: '0.00828', costPerQueryUsd: '0.00828' });
    expect((before?.routing ?? []).map((t) => [t.tier, t.queries])).toEqual([['small', 1n]]);

    const hours = await new UsageRollup(dataSource).rollupHours(new Date());
    expect(hours).toHaveLength(1);
    expect((await savings()).total).toMatchObject(expected);
    expect((await unit()).total).toEqual(before);
  });

  // The window above ends half an hour into the current hour: the audit reads what is closed of
  // it when it runs, a partial hour, or all of it past hh:30.
  itBalancesItsBooks(
    () => ({ url: db.url, dataSource }),
    () => [
      {
        start: new Date(occurredAt.getTime() - HOUR_MS),
        end: new Date(Math.min(Date.now(), occurredAt.getTime() + HOUR_MS)),
      },
    ],
  );
});
