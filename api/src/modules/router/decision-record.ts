import type { CacheHit } from '../cache/index.js';
import type { DecisionRecord } from '../ledger/ledger-events.repository.js';
import type { CacheKind, ModelRef } from '../ledger/ledger.types.js';
import {
  fitsTask,
  type Decision,
  type ModelTarget,
  type RoutingSnapshot,
} from '../routing/engine/index.js';
import type { RouteInput } from './route-input.js';

/**
 * The model the all-frontier baseline would have sent the query to, for savings: the policy's
 * last tier (tiers are ordered cheapest first), its heaviest target. undefined without tiers.
 */
export function baselineModel(snapshot: RoutingSnapshot): ModelRef | undefined {
  const last = snapshot.policy.tiers.at(-1);
  const heaviest = last?.targets.reduce((a, b) => (b.weight > a.weight ? b : a));
  return heaviest === undefined
    ? undefined
    : { namespace: snapshot.policy.namespace, name: heaviest.model };
}

/**
 * The first ready model of a tier fit for the query's task kind, for the shadow call (undefined:
 * none): a specialist never judges another kind's answers (engine fitness.ts).
 */
export function readyModelOf(
  snapshot: RoutingSnapshot,
  tier: string,
  taskKind: string | undefined,
): ModelTarget | undefined {
  const targets = snapshot.policy.tiers.find((t) => t.name === tier)?.targets ?? [];
  for (const { model } of targets) {
    const view = snapshot.models.get(model);
    if (view?.ready === true && fitsTask(view, taskKind)) {
      const { name, provider, endpoint, servedModelName } = view;
      return { model: name, tier, provider, endpoint, servedModelName };
    }
  }
  return undefined;
}

export const cacheKindOf = (hit: CacheHit | undefined): CacheKind => hit?.kind ?? 'none';

export interface RecordContext {
  readonly tenantId: string;
  readonly tokenId?: string;
  readonly ledgerId: string;
  readonly input: RouteInput;
  readonly snapshot: RoutingSnapshot;
  readonly cacheKind: CacheKind;
  readonly at: Date;
}

/** The route_decisions row of a decision (or of its shadow call, with `target` its model). */
export function decisionRecord(
  decision: Decision,
  target: ModelTarget,
  context: RecordContext,
): DecisionRecord {
  const namespace = decision.policy.namespace;
  const baseline = baselineModel(context.snapshot);
  return {
    decisionId: context.ledgerId,
    tenantId: context.tenantId,
    policy: { namespace, name: decision.policy.name },
    rule: decision.ruleName ?? '',
    tier: target.tier,
    model: { namespace, name: target.model },
    complexity: decision.complexity,
    cacheKind: context.cacheKind,
    tags: context.input.tags,
    ...(context.input.template === undefined ? {} : { template: context.input.template }),
    promptTokens: decision.promptTokens,
    ...(baseline === undefined ? {} : { baselineModel: baseline }),
    ...(context.tokenId === undefined ? {} : { tokenId: context.tokenId }),
    ...classifierColumns(decision),
    createdAt: context.at,
  };
}

/** The learned classifier's verdict, kept for calibration (policy-status) and shadow verdicts. */
function classifierColumns(decision: Decision) {
  const { taskKind, smallOk, classifierVersion } = decision;
  return {
    ...(taskKind === undefined ? {} : { taskKind }),
    ...(smallOk === undefined ? {} : { smallOk }),
    ...(classifierVersion === undefined ? {} : { classifierVersion }),
  };
}
