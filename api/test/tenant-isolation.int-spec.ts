import { randomUUID } from 'node:crypto';
import { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { UsageStatus, type RouteDecision } from '@sluice/proto';
import { LedgerEventsRepository } from '../src/modules/ledger/ledger-events.repository.js';
import { ledgerDecisionId } from '../src/modules/router/decision-ids.js';
import { eventually } from './support/router-app.js';
import { POLICIES, startTwoTenants, type Actor, type TwoTenants } from './support/two-tenants.js';

// Team alpha of tenant one routes, reports usage and outcomes, and fills both caches. Tenant two
// (the same chosen decision ids, the same prompts) and team beta of tenant one (a token scoped to
// team=beta) then try every read path: Route's replay, both caches, ReportUsage and ReportOutcome
// on alpha's decision ids, every Economics RPC, the dashboard's JSON, GetStatus. None may see
// anything of alpha; tenant two's own decisions under the same ids must stay its own.

const CHOSEN_UUID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const SECRET = 'SECRET-ANSWER-OF-ALPHA';
const EXACT_PROMPT = 'What is the capital of France?';
const SEMANTIC_PROMPT = 'Which river flows through Paris?';
/** What alpha's data would show: its team tag, its cached answer, its outcome. */
const MARKERS = ['alpha', SECRET];

const text = (value: string) => ({ case: 'text' as const, value });
const FRONTIER = {
  case: 'features' as const,
  value: { promptTokens: 300, keywords: ['Step By Step', 'compare'] },
};
const json = (value: unknown) =>
  JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

async function outcomeOf<T>(call: Promise<T>): Promise<{ ok: T } | { error: ServiceError }> {
  try {
    return { ok: await call };
  } catch (error) {
    return { error: error as ServiceError };
  }
}

describe('tenant isolation: nothing of team alpha reaches tenant two or team beta', () => {
  let world: TwoTenants;
  /** Alpha's replies by chosen decision id. */
  const replies = new Map<string, RouteDecision>();
  /** Ids the server assigned to alpha's decisions (no one else ever used them). */
  const assigned: string[] = [];
  const now = new Date();
  const window = {
    start: timestampFromDate(new Date(now.getTime() - 3_600_000)),
    end: timestampFromDate(new Date(now.getTime() + 3_600_000)),
  };

  const route = (who: Actor, request: Parameters<TwoTenants['clients']['router']['route']>[0]) =>
    world.clients.router.route(request, who.as);
  const report = (who: Actor, decisionId: string, extra: object = {}) =>
    world.clients.router.reportUsage(
      { usage: { decisionId, inputTokens: 10, outputTokens: 5, status: UsageStatus.OK, ...extra } },
      who.as,
    );
  const usageCount = (who: Actor) =>
    world.dataSource
      .query<Array<{ n: string }>>(
        `SELECT count(*) AS n FROM usage_records WHERE tenant_id = $1 AND tags @> $2::jsonb`,
        [who.tenantId, JSON.stringify(who.scope)],
      )
      .then((rows) => Number(rows[0]?.n ?? 0));

  beforeAll(async () => {
    world = await startTwoTenants();
    const { alpha, other } = world;
    // Tenant two takes the uuid first, on a policy of its own.
    await route(other, { policy: POLICIES.tenantTwo, decisionId: CHOSEN_UUID, prompt: text('hi') });
    await report(other, CHOSEN_UUID);
    for (const decisionId of [CHOSEN_UUID, 'ticket-1']) {
      // To the frontier (external, priced): alpha's linked cost is money, not 0.
      const { decision } = await route(alpha, {
        policy: POLICIES.both,
        decisionId,
        prompt: FRONTIER,
      });
      if (decision) replies.set(decisionId, decision);
      await report(alpha, decisionId);
    }
    for (const [policy, prompt] of [
      [POLICIES.both, EXACT_PROMPT],
      [POLICIES.semantic, SEMANTIC_PROMPT],
    ] as const) {
      const { decision } = await route(alpha, { policy, prompt: text(prompt) });
      if (decision) assigned.push(decision.decisionId);
      await report(alpha, decision?.decisionId ?? '', { responseText: SECRET, cacheable: true });
      const hit = await route(alpha, {
        policy,
        prompt: text(prompt),
        decisionId: `hit-${policy.name}`,
      });
      expect(hit.decision?.cacheHit?.responseText).toBe(SECRET);
      if (hit.decision) replies.set(`hit-${policy.name}`, hit.decision);
    }
    await world.clients.router.reportOutcome(
      {
        idempotencyKey: 'o-1',
        outcome: 'alpha_resolved',
        decisionIds: ['ticket-1'],
        valueUsd: '5',
      },
      alpha.as,
    );
    await eventually(
      () => usageCount(alpha),
      (n) => n === 6,
    );
  }, 60_000);

  afterAll(async () => {
    await world?.close();
  });

  describe('chosen decision ids', () => {
    it.each([CHOSEN_UUID, 'ticket-1'])(
      "records both tenants' decisions under %p, each usage joined with its own",
      async (chosen) => {
        const { alpha, other } = world;
        await route(other, { policy: POLICIES.tenantTwo, decisionId: chosen, prompt: text('hi') });
        const rows = await eventually(
          () =>
            world.dataSource.query<Array<{ tenant_id: string; policy_name: string }>>(
              `SELECT tenant_id, policy_name FROM route_decisions
               WHERE (tenant_id, decision_id) IN (($1, $2::uuid), ($3, $4::uuid))`,
              [
                alpha.tenantId,
                ledgerDecisionId(alpha.tenantId, chosen),
                other.tenantId,
                ledgerDecisionId(other.tenantId, chosen),
              ],
            ),
          (found) => found.length === 2,
        );
        expect(rows.map((r) => [r.tenant_id, r.policy_name]).sort()).toEqual(
          [
            [alpha.tenantId, POLICIES.both.name],
            [other.tenantId, POLICIES.tenantTwo.name],
          ].sort(),
        );
        const joined = await world.dataSource.query<Array<{ same: boolean }>>(
          `SELECT d.tenant_id = u.tenant_id AS same FROM usage_records u
           JOIN route_decisions d ON d.decision_id = u.decision_id`,
        );
        expect(joined.every((r) => r.same)).toBe(true);
      },
    );

    it('still finds a decision recorded under its raw uuid before, for its own tenant only', async () => {
      const { alpha, other } = world;
      const legacy = randomUUID();
      await world.app.get(LedgerEventsRepository, { strict: false }).recordDecisions([
        {
          decisionId: legacy,
          tenantId: alpha.tenantId,
          policy: POLICIES.both,
          rule: 'complex-queries',
          tier: 'frontier',
          model: { namespace: 'default', name: 'gpt-4o' },
          complexity: 'complex',
          cacheKind: 'none',
          tags: { team: 'alpha' },
          promptTokens: 10,
          baselineModel: { namespace: 'default', name: 'gpt-4o' },
          createdAt: new Date(),
        },
      ]);
      const refused = await outcomeOf(report(other, legacy));
      expect('error' in refused && refused.error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
      await expect(report(alpha, legacy)).resolves.toMatchObject({ duplicate: false });
      const rows = await eventually(
        () =>
          world.dataSource.query<Array<{ tenant_id: string }>>(
            `SELECT tenant_id FROM usage_records WHERE decision_id = $1`,
            [legacy],
          ),
        (found) => found.length === 1,
      );
      expect(rows).toEqual([{ tenant_id: alpha.tenantId }]);
    });

    it("shows alpha's usage under alpha's policy only", async () => {
      const { total, rows } = await world.clients.economics.getCostReport(
        { window, groupBy: ['policy'] },
        world.alpha.as,
      );
      expect(rows.map((r) => r.group[0]?.value).sort()).toEqual(
        [`default/${POLICIES.both.name}`, `default/${POLICIES.semantic.name}`].sort(),
      );
      expect(total?.usage?.queries).toBe(BigInt(await usageCount(world.alpha)));
    });
  });

  const readers: Array<[string, () => Actor]> = [
    ['tenant two', () => world.other],
    ['team beta', () => world.beta],
  ];

  describe.each(readers)('%s', (_name, reader) => {
    it.each([
      CHOSEN_UUID,
      'ticket-1',
      `hit-${POLICIES.both.name}`,
      `hit-${POLICIES.semantic.name}`,
    ])("gets no replay of alpha's decision %p", async (decisionId) => {
      const answer = await outcomeOf(
        route(reader(), { policy: POLICIES.both, decisionId, prompt: text('x') }),
      );
      expect(json(answer)).not.toContain(SECRET);
      if ('ok' in answer) {
        expect(reader()).toBe(world.other); // a team of the same tenant is refused instead
        expect(answer.ok.decision?.decidedAt).not.toEqual(replies.get(decisionId)?.decidedAt);
      } else {
        expect(reader()).toBe(world.beta);
        expect(answer.error.code).toBe(GrpcStatus.PERMISSION_DENIED);
        expect(answer.error.metadata.get('sluice-field-violation')).toEqual([
          expect.stringMatching(/^decision_id: /),
        ]);
      }
    });

    it.each([
      ['exact', POLICIES.both, EXACT_PROMPT],
      ['semantic', POLICIES.semantic, SEMANTIC_PROMPT],
    ])(
      "gets no answer from alpha's %s cache for the identical prompt",
      async (_kind, policy, prompt) => {
        const { decision } = await route(reader(), { policy, prompt: text(prompt) });
        expect(decision?.cacheHit).toBeUndefined();
      },
    );

    it.each([0, 1])("cannot report usage against alpha's assigned decision #%p", async (index) => {
      const answer = await outcomeOf(report(reader(), assigned[index] ?? ''));
      if (!('error' in answer)) throw new Error('expected a refusal');
      // Another tenant's id is unknown to it; another team's is refused by the scope.
      const expected =
        reader() === world.other ? GrpcStatus.INVALID_ARGUMENT : GrpcStatus.PERMISSION_DENIED;
      expect(answer.error.code).toBe(expected);
    });

    it("links no outcome to alpha's decisions", async () => {
      const answer = await outcomeOf(
        world.clients.router.reportOutcome(
          {
            idempotencyKey: `o-${reader().token.slice(-6)}`,
            outcome: 'done',
            decisionIds: ['ticket-1'],
            // Tags within any scope: only the linked decision can make this another team's.
            tags: { product: 'p' },
          },
          reader().as,
        ),
      );
      if (reader() === world.beta) {
        expect('error' in answer && answer.error.code).toBe(GrpcStatus.PERMISSION_DENIED);
      } else {
        expect(answer).toEqual({ ok: expect.objectContaining({ duplicate: false }) as unknown });
      }
    });

    const rpcs: Array<[string, (who: Actor) => Promise<unknown>]> = [
      [
        'GetCostReport',
        (who) =>
          world.clients.economics.getCostReport(
            { window, groupBy: ['tag:team', 'policy', 'model'] },
            who.as,
          ),
      ],
      [
        'GetUnitEconomics',
        (who) =>
          world.clients.economics.getUnitEconomics({ window, groupBy: ['tag:team'] }, who.as),
      ],
      [
        'GetSavings',
        (who) => world.clients.economics.getSavings({ window, groupBy: ['tag:team'] }, who.as),
      ],
      ['GetCrossover', (who) => world.clients.economics.getCrossover({ window }, who.as)],
      ['SystemService.GetStatus', (who) => world.clients.system.getStatus({}, who.as)],
      [
        'the dashboard JSON',
        async (who) => {
          const query = `from=${new Date(now.getTime() - 3_600_000).toISOString()}&to=${new Date(now.getTime() + 3_600_000).toISOString()}`;
          const response = await fetch(`${world.httpUrl}/v1/economics/dashboard?${query}`, {
            headers: { authorization: `Bearer ${who.token}` },
          });
          const body: unknown = await response.json();
          return { status: response.status, body };
        },
      ],
    ];

    it.each(rpcs.slice(0, 3))(
      '(control) a tenant-wide token sees alpha through %s',
      async (_rpc, call) => {
        expect(json(await call(world.tenantWide))).toContain('alpha');
      },
    );

    it.each(rpcs)('reads nothing of alpha through %s', async (_rpc, call) => {
      const answer = json(await outcomeOf(call(reader())));
      for (const marker of MARKERS) expect(answer).not.toContain(marker);
    });

    const { economics } = { economics: () => world.clients.economics };
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
        'GetCrossover (every model its queries served)',
        async (who) =>
          (await economics().getCrossover({ window }, who.as)).rows.reduce(
            (sum, row) => sum + (row.usage?.queries ?? 0n),
            0n,
          ),
      ],
    ];

    it.each(counted)('counts only its own queries in %s', async (rpc, queries) => {
      const own = BigInt(await usageCount(reader()));
      const seen = await queries(reader());
      // (control) alpha's queries are there to be counted, by a token of the whole tenant
      expect(await queries(world.tenantWide)).toBeGreaterThan(seen);
      if (rpc.startsWith('GetCrossover')) expect(seen).toBeLessThanOrEqual(own);
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
      const { total } = await world.clients.economics.getUnitEconomics(request, who.as);
      return total?.outcomes.map((o) => [o.outcome, o.linkedCostPerOutcomeUsd]);
    };
    // The tenant sees what alpha's decision cost; team beta sees its outcome and none of it.
    expect(await linkedCost(tenantWide)).toEqual([['beta_done', '0.000125']]);
    expect(await linkedCost(beta)).toEqual([['beta_done', '0']]);
  });
});
