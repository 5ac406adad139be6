import { timestampDate } from '@bufbuild/protobuf/wkt';
import {
  actions,
  aroundNow,
  json,
  MARKERS,
  outcomeOf,
  seedAlphaTraffic,
} from './support/alpha-traffic.js';
import { itBalancesItsBooks } from './support/books-balance.js';
import { POLICIES, startTwoTenants, type Actor, type TwoTenants } from './support/two-tenants.js';

// Economics, the dashboard page's JSON and GetStatus across tenants and teams: after team
// alpha's traffic (support/alpha-traffic.ts), tenant two and team beta read every figure and find
// nothing of alpha, while a tenant-wide token of tenant one (the control) does find it.
describe('tenant isolation on EconomicsService, the dashboard and SystemService', () => {
  let world: TwoTenants;
  let act: ReturnType<typeof actions>;
  const { window, query } = aroundNow();
  const economics = () => world.clients.economics;

  beforeAll(async () => {
    world = await startTwoTenants();
    act = actions(world);
    await seedAlphaTraffic(world);
  }, 60_000);

  afterAll(async () => {
    await world?.close();
  });

  it("shows alpha's usage under alpha's policies only (tenant two used the same uuid)", async () => {
    const request = { window, groupBy: ['policy'] };
    const { total, rows } = await economics().getCostReport(request, world.alpha.as);
    expect(rows.map((r) => r.group[0]?.value).sort()).toEqual(
      [`default/${POLICIES.both.name}`, `default/${POLICIES.semantic.name}`].sort(),
    );
    expect(total?.usage?.queries).toBe(BigInt(await act.usageCount(world.alpha)));
  });

  const rpcs: Array<[string, (who: Actor) => Promise<unknown>]> = [
    [
      'GetCostReport',
      (who) =>
        economics().getCostReport({ window, groupBy: ['tag:team', 'policy', 'model'] }, who.as),
    ],
    [
      'GetUnitEconomics',
      (who) => economics().getUnitEconomics({ window, groupBy: ['tag:team'] }, who.as),
    ],
    ['GetSavings', (who) => economics().getSavings({ window, groupBy: ['tag:team'] }, who.as)],
    ['GetCrossover', (who) => economics().getCrossover({ window }, who.as)],
    ['SystemService.GetStatus', (who) => world.clients.system.getStatus({}, who.as)],
    [
      'the dashboard JSON',
      async (who) => {
        const response = await fetch(`${world.httpUrl}/v1/economics/dashboard?${query}`, {
          headers: { authorization: `Bearer ${who.token}` },
        });
        const body: unknown = await response.json();
        return { status: response.status, body };
      },
    ],
  ];

  /** Queries each RPC counts for the caller (crossover: summed over the models). */
  const counted: Array<[string, (who: Actor) => Promise<bigint>]> = [
    [
      'GetCostReport',
      async (who) =>
        (await economics().getCostReport({ window }, who.as)).total?.usage?.queries ?? 0n,
    ],
    [
      'GetUnitEconomics',
      async (who) =>
        (await economics().getUnitEconomics({ window }, who.as)).total?.usage?.queries ?? 0n,
    ],
    [
      'GetSavings',
      async (who) => (await economics().getSavings({ window }, who.as)).total?.queries ?? 0n,
    ],
    [
      'GetCrossover',
      async (who) =>
        (await economics().getCrossover({ window }, who.as)).rows.reduce(
          (sum, row) => sum + (row.usage?.queries ?? 0n),
          0n,
        ),
    ],
  ];

  it.each(rpcs.slice(0, 3))(
    '(control) a tenant-wide token sees alpha through %s',
    async (_rpc, call) => {
      expect(json(await call(world.tenantWide))).toContain('alpha');
    },
  );

  describe.each<[string, () => Actor]>([
    ['tenant two', () => world.other],
    ['team beta', () => world.beta],
  ])('%s', (_name, reader) => {
    it.each(rpcs)('reads nothing of alpha through %s', async (_rpc, call) => {
      const answer = json(await outcomeOf(call(reader())));
      for (const marker of MARKERS) expect(answer).not.toContain(marker);
    });

    it.each(counted)('counts only its own queries in %s', async (rpc, queries) => {
      const own = BigInt(await act.usageCount(reader()));
      const seen = await queries(reader());
      // (control) alpha's queries are there to be counted, by a token of the whole tenant
      expect(await queries(world.tenantWide)).toBeGreaterThan(seen);
      if (rpc === 'GetCrossover') expect(seen).toBeLessThanOrEqual(own);
      else expect(seen).toBe(own);
    });
  });

  it("keeps another team's outcome from showing a scoped token alpha's linked cost", async () => {
    // A tenant-wide token may link any of its tenant's decisions, under any team's tags.
    const { tenantWide, beta } = world;
    await world.clients.router.reportOutcome(
      {
        idempotencyKey: 'o-wide',
        outcome: 'beta_done',
        decisionIds: ['ticket-1'],
        tags: { team: 'beta' },
      },
      tenantWide.as,
    );
    const linkedCost = async (who: Actor) => {
      const request = { window, outcomes: ['beta_done'] };
      const { total } = await economics().getUnitEconomics(request, who.as);
      return total?.outcomes.map((o) => [o.outcome, o.linkedCostPerOutcomeUsd]);
    };
    // The tenant sees what alpha's decision cost; team beta sees its outcome and none of it.
    expect(await linkedCost(tenantWide)).toEqual([['beta_done', '0.000125']]);
    expect(await linkedCost(beta)).toEqual([['beta_done', '0']]);
  });

  // The window above runs an hour past the start of the file: the audit reads its closed part,
  // to the instant it runs (a partial hour), both tenants' books at once.
  // KNOWN DIFFERENCE (fails when it happens; reported to the owner, not bent): when the
  // Router's choices leave default/ticket-classifier (a vLLM price, no capacity row) with only an
  // exact cache hit in the window, GetCrossover lists it and the audit does not (the audit README
  // reads "a model hour or a model call"; README "Crossover" does not say). When it also got a
  // model call, both list it and the books balance.
  itBalancesItsBooks(
    () => ({ dataSource: world.dataSource, client: economics() }),
    () => [{ start: timestampDate(window.start), end: new Date() }],
  );
});
