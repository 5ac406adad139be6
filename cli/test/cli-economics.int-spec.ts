import { Writable } from 'node:stream';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUnaryClient } from '@sluice/api';
import { startFakeVllm, type FakeVllm } from '@sluice/kube-sim';
import { toJson } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { EconomicsService, GetSavingsResponseSchema } from '@sluice/proto';
import { exampleModels } from '../../api/src/modules/routing/engine/testing/examples.js';
import {
  exampleRoutingPolicy,
  InMemoryRoutingView,
} from '../../api/src/modules/routing/testing/in-memory-routing-view.js';
import { exampleProfiles } from '../../api/src/modules/routing/engine/testing/examples.js';
import { economics, economicsQuery } from '../src/commands/economics.js';
import { economicsAudit } from '../src/commands/economics-audit.js';
import { costTable, percent, unitTable } from '../src/commands/economics-tables.js';
import { roundDecimal, usd } from '../src/output/money.js';
import { parsePicos } from '../../api/src/modules/ledger/money.js';
import { report } from '../src/commands/report.js';
import { route } from '../src/commands/route.js';
import { demo, type DemoResult } from '../src/demo/run.js';
import { formatFigures, SAVINGS_GROUP_BY, UNIT_GROUP_BY } from '../src/demo/tables.js';
import { formatTable } from '../src/output/table.js';
import { FakeClock, startDemoApi, type DemoApi } from './support/demo-api.js';
import { readDemoWindow, type DemoWindowReads } from './support/demo-window.js';

/** Each step routes, books and reads economics through a real API on a busy CI machine. */
const CALL_MS = 30_000;

/** stdout of a command, as a string. */
function capture(): { out: Writable; text: () => string } {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { out, text: () => chunks.join('') };
}

/** Unit economics once the asynchronous ingest has booked the model call. */
async function unitWhenBooked(
  client: ReturnType<typeof createUnaryClient<(typeof EconomicsService)['method']>>,
  query: ReturnType<typeof economicsQuery>,
  metadata: Record<string, string>,
) {
  let reply = await client.getUnitEconomics(query, { metadata });
  for (let i = 0; i < 100 && reply.total?.usage?.modelCalls !== 1n; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    reply = await client.getUnitEconomics(query, { metadata });
  }
  return reply;
}

/**
 * The examples' policy and models; llama (small) and gpt-4o (frontier, as local mode does) served
 * by fake vLLMs on this machine, the other models at cluster URLs that do not resolve here.
 */
function routingView(fakes: Record<string, FakeVllm>): InMemoryRoutingView {
  const models = exampleModels().map((m) => m.obj());
  for (const [name, fake] of Object.entries(fakes)) {
    const model = models.find((m) => m.metadata?.name === name);
    if (model?.status === undefined) throw new Error(`the examples have ${name}`);
    model.status.endpoint = `${fake.url}/v1`;
  }
  return new InMemoryRoutingView().put(exampleRoutingPolicy(), models, exampleProfiles());
}

/**
 * Every place agrees with the API on the exact figures of the demo's window, and prints them to
 * the same cent: the demo's text, the CLI's table and JSON, the page's data.
 */
function expectSameFigures(text: string, now: DemoWindowReads): void {
  const total = now.grpc.savings.total;
  if (total === undefined || 'unavailable' in now.page.savings)
    throw new Error('the demo prices its baseline (gpt-4o)');
  const page = now.page.savings.total;
  expect(page).toMatchObject({
    group: 'total',
    actualCostUsd: total.actualCostUsd,
    savedMarginalUsd: total.savedMarginalUsd,
    savedMarginalRatio: total.savedMarginalRatio,
    savedFullyLoadedUsd: total.savedFullyLoadedUsd,
    savedFullyLoadedRatio: total.savedFullyLoadedRatio,
  });
  expect(now.page.totals.costUsd).toBe(now.grpc.cost.total?.cost?.totalUsd);
  expect(now.grpc.unit.total?.costUsd).toBe(now.grpc.cost.total?.cost?.totalUsd);
  expect(now.json).toEqual(toJson(GetSavingsResponseSchema, now.grpc.savings));
  // Savings twice, as GetSavings computed them for the window (the allocation's point 7).
  expect([total.savedMarginalUsd, total.savedFullyLoadedUsd]).not.toContain('');
  const cents = (amount: string | undefined) => usd(amount, 2);
  const [marginal, loaded] = [
    `${cents(total.savedMarginalUsd)} (${percent(total.savedMarginalRatio)})`,
    `${cents(total.savedFullyLoadedUsd)} (${percent(total.savedFullyLoadedRatio)})`,
  ];
  expect(text).toContain(
    `Saved ${percent(total.savedMarginalRatio)} marginal, ` +
      `${percent(total.savedFullyLoadedRatio)} fully loaded versus the all-frontier baseline ` +
      `(${cents(total.savedMarginalUsd)} and ${cents(total.savedFullyLoadedUsd)} ` +
      `of ${cents(total.frontierBaselineCostUsd)})`,
  );
  const totalRow = (table: string) => table.split('\n').find((l) => l.includes(' total '));
  // The demo's team table and the CLI's: the API's total, to the cent.
  for (const table of [text.slice(text.indexOf('per team')), now.table]) {
    expect(totalRow(table)).toContain(cents(total.actualCostUsd));
    expect(totalRow(table)).toContain(marginal);
    expect(totalRow(table)).toContain(loaded);
  }
  // The unit table's total cost is the page's.
  expect(totalRow(text)).toContain(cents(now.page.totals.costUsd));
}

// The CLI's route, report, economics and demo against the whole API on real PostgreSQL and Redis.
describe('sluice route, report, economics and demo', () => {
  let vllm: FakeVllm;
  let frontier: FakeVllm;
  let api: DemoApi;
  const clock = new FakeClock();
  const connection = () => ({ address: api.address, timeout: '10000', token: api.token });
  /** The windows the demos printed their figures for, audited last. */
  const demoWindows: DemoResult['window'][] = [];
  /** A reproducible day of `queries` through the test API's default policy. */
  const demoOptions = (queries: string, seed: string) => ({
    ...connection(),
    policy: 'default',
    namespace: 'default',
    queries,
    seed,
    wait: '30000',
  });

  beforeAll(async () => {
    vllm = await startFakeVllm({ model: 'llama-3.1-8b-instruct', seed: 3 });
    frontier = await startFakeVllm({ model: 'gpt-4o', seed: 4 });
    api = await startDemoApi(routingView({ 'llama-3-1-8b-awq': vllm, 'gpt-4o': frontier }), clock);
    // gpt-4o's prices, as the capacity recorder books them from its InferenceModel: the
    // frontier baseline of the savings report.
    const gpt4o = { namespace: 'default', name: 'gpt-4o' };
    const price = { provider: 'external', inputPer1M: '2.50', outputPer1M: '10.00' } as const;
    await api.ledger.recordPrice(gpt4o, price, new Date(Date.now() - 86_400_000));
    // llama's GPU running since an hour ago: self-hosted cost that grows while the test reads.
    const llama = { namespace: 'default', name: 'llama-3-1-8b-awq' };
    const gpu = { readyReplicas: 1, gpusPerReplica: 1, gpuHourlyUSD: '1.10' };
    await api.ledger.recordCapacity(llama, {
      observedAt: new Date(Date.now() - 3_600_000),
      ...gpu,
    });
  });

  afterAll(async () => {
    await api?.close();
    await vllm?.close();
    await frontier?.close();
  });

  it(
    'routes a prompt, books its usage once, and shows it in the economics table',
    async () => {
      const tag = `t${Date.now()}`;
      const routed = capture();
      const decision = await route(
        {
          ...connection(),
          policy: 'default',
          namespace: 'default',
          prompt: 'Classify this ticket: my invoice is wrong',
          task: 'classification',
          tag: [`team=${tag}`],
          hint: [],
          output: 'table',
        },
        routed.out,
      );
      expect(decision.target?.tier).toBe('small');
      expect(routed.text()).toContain('simple-tasks');
      expect(routed.text()).toContain(decision.decisionId);

      const flags = {
        ...connection(),
        decision: decision.decisionId,
        inputTokens: '1000',
        outputTokens: '200',
        status: 'ok',
        output: 'table' as const,
      };
      const first = capture();
      await report(flags, first.out);
      const again = capture();
      await report(flags, again.out);
      expect([first.text(), again.text()]).toEqual([
        `booked as ${decision.decisionId}\n`,
        `duplicate, already booked as ${decision.decisionId}\n`,
      ]);

      const open = {
        ...connection(),
        from: new Date(Date.now() - 3_600_000).toISOString(),
        // A minute ahead: the ledger books the usage at the API's clock.
        to: new Date(Date.now() + 60_000).toISOString(),
        groupBy: 'tag:team,tier',
        filter: [`tag:team=${tag}`],
        output: 'table' as const,
      };
      const client = createUnaryClient(EconomicsService, api.address);
      try {
        const metadata = { authorization: `Bearer ${api.token}` };
        await unitWhenBooked(client, economicsQuery(open), metadata);
        // Booked: a window ending now holds it, and its GPU time no longer grows between reads.
        const options = { ...open, to: new Date().toISOString() };
        const reply = await client.getUnitEconomics(economicsQuery(options), { metadata });
        expect([reply.total?.usage?.queries, reply.total?.usage?.modelCalls]).toEqual([1n, 1n]);
        const printed = capture();
        await economics('unit', options, printed.out);
        expect(printed.text()).toBe(
          formatTable(unitTable(['tag:team', 'tier'], reply), { isTTY: false }),
        );
        expect(printed.text()).toContain(`$${roundDecimal(reply.total?.costPerQueryUsd ?? '', 2)}`);

        // The cost report by hour: a row per hour in which the team had cost.
        const hourly = { ...options, granularity: 'hour' as const };
        const costs = await client.getCostReport(economicsQuery(hourly), { metadata });
        expect(costs.rows.length).toBeGreaterThanOrEqual(1);
        expect(costs.rows.every((r) => r.bucketStart !== undefined)).toBe(true);
        const byHour = capture();
        await economics('cost', hourly, byHour.out);
        expect(byHour.text()).toBe(
          formatTable(costTable(['tag:team', 'tier'], costs, true), { isTTY: false }),
        );
        await expect(economics('unit', hourly, capture().out)).rejects.toThrow(
          '--granularity applies to the cost report only',
        );
        await expect(
          economics('crossover', { ...options, shareIdle: true }, capture().out),
        ).rejects.toThrow('--share-idle applies to cost, unit and savings');
        await expect(
          economics('cost', { ...options, precision: '13' }, capture().out),
        ).rejects.toThrow('--precision 13');
      } finally {
        client.close();
      }
    },
    CALL_MS,
  );

  it(
    'streams a JSONL file of usage and counts what it refused',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'sluice-report-'));
      const file = join(dir, 'usage.jsonl');
      const decision = await route(
        {
          ...connection(),
          policy: 'default',
          namespace: 'default',
          prompt: 'Format id 7 as JSON',
          task: 'formatting',
          tag: [],
          hint: [],
          output: 'json',
        },
        capture().out,
      );
      const good = {
        decisionId: decision.decisionId,
        inputTokens: 10,
        outputTokens: 5,
        status: 'USAGE_STATUS_OK',
      };
      await writeFile(
        file,
        `${JSON.stringify(good)}\n\n${JSON.stringify({ ...good, decisionId: '' })}\n`,
      );
      const printed = capture();
      await report({ ...connection(), file, status: 'ok', output: 'json' }, printed.out);
      const reply = JSON.parse(printed.text()) as Record<string, unknown>;
      expect([reply.acceptedCount, reply.rejectedCount]).toEqual(['1', '1']);
      expect(process.exitCode).toBe(1);
      process.exitCode = 0;
    },
    CALL_MS,
  );

  it(
    'runs a small day through the API and prints the figures Economics returns',
    async () => {
      const printed = capture();
      const result = await demo(demoOptions('40', '7'), printed.out);
      demoWindows.push(result.window);
      expect(result.routed).toBe(40);
      // llama and gpt-4o answered for real (ticket-classifier's cluster URL does not resolve).
      const served = (fake: FakeVllm) => fake.stats().requests['POST /v1/chat/completions'] ?? 0;
      expect(served(vllm)).toBeGreaterThan(0);
      expect(served(frontier)).toBeGreaterThan(0);
      expect(served(vllm) + served(frontier)).toBe(result.calledModel);
      expect(result.calledModel).toBeLessThan(result.modelCalls);

      // The same questions asked directly: the printed tables are Economics' figures.
      const client = createUnaryClient(EconomicsService, api.address);
      try {
        const call = { metadata: { authorization: `Bearer ${api.token}` } };
        // The window the demo read, closed when it read: GPU time no longer accrues in it.
        const { window } = result;
        const filters = [{ dimension: 'tag:demo_run', values: [result.runId] }];
        const unit = await client.getUnitEconomics(
          { window, filters, groupBy: UNIT_GROUP_BY },
          call,
        );
        const savings = await client.getSavings(
          { window, filters, groupBy: SAVINGS_GROUP_BY },
          call,
        );
        // Every query sent; shadow calls are model calls, not queries, and have their own cost.
        expect(unit.total?.usage?.queries).toBe(40n);
        // Shadow sampling is random (the policy's rate), the day is not: cost iff calls.
        expect(Number(savings.total?.shadowCostUsd) > 0).toBe(result.shadows > 0);
        expect(unit.total?.usage?.modelCalls).toBe(BigInt(result.modelCalls));
        expect(unit.total?.usage?.cacheHits).toBe(BigInt(result.cacheHits));
        expect(result.cacheHits).toBeGreaterThan(0);
        expect(printed.text()).toContain(
          formatFigures({ unit, savings, window }, result.runId, { isTTY: false }),
        );
        // One instant for all tables: the same actual cost in the unit and savings reports.
        const llama = unit.rows.filter((r) => r.group[0]?.value === 'default/llama-3-1-8b-awq');
        expect(llama.some((r) => Number(r.costUsd) > 0)).toBe(true);
        expect(savings.total?.actualCostUsd).toBe(unit.total?.costUsd);
      } finally {
        client.close();
      }
      // The demo ends with the audit of its window (the API's token is a platform admin's).
      // KNOWN DIFFERENCE (fails; reported to the owner, not bent): ticket-classifier
      // has no price and no capacity row here, and grouped by provider the service puts its
      // queries under "" while the audit puts them under "external".
      expect(printed.text()).toMatch(
        /\nBooks balance: [1-9]\d* figures recomputed from raw rows, 0 differences\n$/,
      );
      expect(result.books).toBe('balanced');
    },
    CALL_MS,
  );
  it(
    "gives the demo's figures again five minutes later, the same in the CLI, the page and the API",
    async () => {
      const printed = capture();
      const result = await demo(demoOptions('20', '11'), printed.out);
      demoWindows.push(result.window);
      const now: DemoWindowReads = await readDemoWindow(api, result, printed.text());
      // Nobody sends anything; the API's economics clock moves on as five minutes would.
      clock.advance(5 * 60_000);
      const later = await readDemoWindow(api, result, printed.text());
      expect(later).toEqual(now);

      expectSameFigures(printed.text(), now);

      // --share-idle reaches the API: the run's model calls now carry the model's idle time.
      const shared = capture();
      const window = { ...connection(), from: now.from, to: now.to, groupBy: '' };
      const filter = [`tag:demo_run=${result.runId}`];
      await economics('cost', { ...window, filter, shareIdle: true, output: 'json' }, shared.out);
      const sharedCost = (JSON.parse(shared.text()) as { total: { cost: Record<string, string> } })
        .total.cost;
      expect(parsePicos(sharedCost.sharedIdleUsd ?? '0')).toBeGreaterThan(0n);
      expect(now.grpc.cost.total?.cost?.sharedIdleUsd ?? '0').toMatch(/^0?$/);
    },
    2 * CALL_MS,
  );

  // KNOWN DIFFERENCE (fails; reported, not bent): the provider of ticket-classifier, as above.
  it(
    'balances the books of every demo window (sluice economics audit, as CI runs it)',
    async () => {
      expect(demoWindows).toHaveLength(2);
      for (const window of demoWindows) {
        const printed = capture();
        const code = await economicsAudit(
          {
            ...connection(),
            timeout: String(CALL_MS),
            from: timestampDate(window.start).toISOString(),
            to: timestampDate(window.end).toISOString(),
            groupBy: '',
            filter: [],
            output: 'table',
          },
          printed.out,
        );
        expect([code, printed.text()]).toEqual([
          0,
          expect.stringMatching(/^[1-9]\d* figures checked, 0 differences\n$/),
        ]);
      }
    },
    2 * CALL_MS,
  );
});
