// What team alpha of tenant one does before the isolation tests look for it: chosen decision ids
// (a uuid tenant two takes first, and a non-uuid), priced frontier calls, cacheable answers in
// both caches, an outcome. The tests then look for it from tenant two and team beta.
import type { ServiceError } from '@grpc/grpc-js';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { UsageStatus, type RouteDecision } from '@sluice/proto';
import { eventually } from './router-app.js';
import { POLICIES, type Actor, type TwoTenants } from './two-tenants.js';

export const CHOSEN_UUID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
export const SECRET = 'SECRET-ANSWER-OF-ALPHA';
export const EXACT_PROMPT = 'What is the capital of France?';
export const SEMANTIC_PROMPT = 'Which river flows through Paris?';
/** What alpha's data would show: its team tag and its cached answer. */
export const MARKERS = ['alpha', SECRET];

export const text = (value: string) => ({ case: 'text' as const, value });
/** A query the example policy sends to the frontier (external, priced): its cost is money. */
const FRONTIER = {
  case: 'features' as const,
  value: { promptTokens: 300, keywords: ['Step By Step', 'compare'] },
};

/** JSON with int64 fields, to search an answer for text. */
export const json = (value: unknown) =>
  JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

export async function outcomeOf<T>(call: Promise<T>): Promise<{ ok: T } | { error: ServiceError }> {
  try {
    return { ok: await call };
  } catch (error) {
    return { error: error as ServiceError };
  }
}

/** The hour either side of now, as economics requests take it. */
export function aroundNow(now = new Date()) {
  const from = new Date(now.getTime() - 3_600_000);
  const to = new Date(now.getTime() + 3_600_000);
  return {
    window: { start: timestampFromDate(from), end: timestampFromDate(to) },
    query: `from=${from.toISOString()}&to=${to.toISOString()}`,
  };
}

/** Calls as one actor, and the ledger's count of usage the actor's token may see. */
export function actions(world: TwoTenants) {
  return {
    route: (who: Actor, request: Parameters<TwoTenants['clients']['router']['route']>[0]) =>
      world.clients.router.route(request, who.as),
    report: (who: Actor, decisionId: string, extra: object = {}) =>
      world.clients.router.reportUsage(
        {
          usage: { decisionId, inputTokens: 10, outputTokens: 5, status: UsageStatus.OK, ...extra },
        },
        who.as,
      ),
    usageCount: (who: Actor) =>
      world.dataSource
        .query<Array<{ n: string }>>(
          `SELECT count(*) AS n FROM usage_records WHERE tenant_id = $1 AND tags @> $2::jsonb`,
          [who.tenantId, JSON.stringify(who.scope)],
        )
        .then((rows) => Number(rows[0]?.n ?? 0)),
  };
}

export interface AlphaTraffic {
  /** Alpha's replies by chosen decision id (cache hits under `hit-<policy>`). */
  readonly replies: ReadonlyMap<string, RouteDecision>;
  /** Ids the server assigned to alpha's decisions: no one else ever used them. */
  readonly assigned: readonly string[];
}

export async function seedAlphaTraffic(world: TwoTenants): Promise<AlphaTraffic> {
  const { route, report, usageCount } = actions(world);
  const { alpha, other } = world;
  const replies = new Map<string, RouteDecision>();
  const assigned: string[] = [];
  // Tenant two takes the uuid first, on a policy of its own.
  await route(other, { policy: POLICIES.tenantTwo, decisionId: CHOSEN_UUID, prompt: text('hi') });
  await report(other, CHOSEN_UUID);
  for (const decisionId of [CHOSEN_UUID, 'ticket-1']) {
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
    const decisionId = `hit-${policy.name}`;
    const hit = await route(alpha, { policy, prompt: text(prompt), decisionId });
    if (hit.decision?.cacheHit?.responseText !== SECRET) throw new Error('alpha had no cache hit');
    replies.set(decisionId, hit.decision);
  }
  const outcome = { idempotencyKey: 'o-1', outcome: 'alpha_resolved', valueUsd: '5' };
  await world.clients.router.reportOutcome({ ...outcome, decisionIds: ['ticket-1'] }, alpha.as);
  await eventually(
    () => usageCount(alpha),
    (n) => n === 6,
  );
  // Decisions are batched behind Route's answer (every 200 ms), usage may land first: economics
  // joins the two, so the tests read only once every usage row has its decision.
  await eventually(
    () => usageWithoutDecision(world),
    (n) => n === 0,
  );
  return { replies, assigned };
}

async function usageWithoutDecision(world: TwoTenants): Promise<number> {
  const rows = await world.dataSource.query<Array<{ n: string }>>(
    `SELECT count(*) AS n FROM usage_records u
     WHERE NOT EXISTS (SELECT 1 FROM route_decisions d
                       WHERE d.decision_id = u.decision_id AND d.tenant_id = u.tenant_id)`,
  );
  return Number(rows[0]?.n ?? 0);
}
