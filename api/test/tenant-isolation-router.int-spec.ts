import { randomUUID } from 'node:crypto';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { LedgerEventsRepository } from '../src/modules/ledger/ledger-events.repository.js';
import { ledgerDecisionId } from '../src/modules/router/decision-ids.js';
import {
  actions,
  CHOSEN_UUID,
  EXACT_PROMPT,
  json,
  outcomeOf,
  SECRET,
  seedAlphaTraffic,
  SEMANTIC_PROMPT,
  text,
  type AlphaTraffic,
} from './support/alpha-traffic.js';
import { eventually } from './support/router-app.js';
import { POLICIES, startTwoTenants, type Actor, type TwoTenants } from './support/two-tenants.js';
import { decisionRecord } from '../src/testing/decision-record.js';

// RouterService across tenants and teams. Team alpha of tenant one routes under chosen ids (a
// uuid tenant two took first, and a non-uuid), reports usage and an outcome, and fills both
// caches (support/alpha-traffic.ts). Tenant two (same ids, same prompts) and team beta of tenant
// one (a token scoped to team=beta) then try Route's replay, both caches, ReportUsage and
// ReportOutcome on alpha's ids. Economics and the page: tenant-isolation-economics.int-spec.ts.
describe('tenant isolation on RouterService', () => {
  let world: TwoTenants;
  let alphaDid: AlphaTraffic;
  let act: ReturnType<typeof actions>;

  beforeAll(async () => {
    world = await startTwoTenants();
    act = actions(world);
    alphaDid = await seedAlphaTraffic(world);
  }, 60_000);

  afterAll(async () => {
    await world?.close();
  });

  describe('chosen decision ids', () => {
    it.each([CHOSEN_UUID, 'ticket-1'])(
      "records both tenants' decisions under %p, each usage joined with its own",
      async (chosen) => {
        const { alpha, other } = world;
        await act.route(other, {
          policy: POLICIES.tenantTwo,
          decisionId: chosen,
          prompt: text('hi'),
        });
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
        decisionRecord(alpha.tenantId, {
          decisionId: legacy,
          policy: POLICIES.both,
          tags: { team: 'alpha' }, // alpha's token is scoped to team=alpha
          createdAt: new Date(),
        }),
      ]);
      const refused = await outcomeOf(act.report(other, legacy));
      expect('error' in refused && refused.error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
      await expect(act.report(alpha, legacy)).resolves.toMatchObject({ duplicate: false });
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
        act.route(reader(), { policy: POLICIES.both, decisionId, prompt: text('x') }),
      );
      expect(json(answer)).not.toContain(SECRET);
      if ('ok' in answer) {
        // Another tenant routes anew under the id; a team of the same tenant is refused.
        expect(reader()).toBe(world.other);
        const alphas = alphaDid.replies.get(decisionId)?.decidedAt;
        expect(answer.ok.decision?.decidedAt).not.toEqual(alphas);
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
        const { decision } = await act.route(reader(), { policy, prompt: text(prompt) });
        expect(decision?.cacheHit).toBeUndefined();
      },
    );

    it.each([0, 1])("cannot report usage against alpha's assigned decision #%p", async (index) => {
      const answer = await outcomeOf(act.report(reader(), alphaDid.assigned[index] ?? ''));
      if (!('error' in answer)) throw new Error('expected a refusal');
      // Another tenant's id is unknown to it; another team's is refused by the scope.
      const expected =
        reader() === world.other ? GrpcStatus.INVALID_ARGUMENT : GrpcStatus.PERMISSION_DENIED;
      expect(answer.error.code).toBe(expected);
    });

    it("links no outcome to alpha's decisions", async () => {
      const request = {
        idempotencyKey: `o-${reader().token.slice(-6)}`,
        outcome: 'done',
        decisionIds: ['ticket-1'],
        // Tags within any scope: only the linked decision can make this another team's.
        tags: { product: 'p' },
      };
      const answer = await outcomeOf(world.clients.router.reportOutcome(request, reader().as));
      if (reader() === world.beta) {
        expect('error' in answer && answer.error.code).toBe(GrpcStatus.PERMISSION_DENIED);
      } else {
        // Tenant two's own 'ticket-1': nothing of alpha's is linked (its cost is 0 there).
        expect(answer).toEqual({ ok: expect.objectContaining({ duplicate: false }) as unknown });
      }
    });
  });
});
