import type { RoutingPolicy, RoutingPolicyStatus } from '@sluice/crds';
import {
  rfc3339,
  setCondition,
  type Condition,
  type ConditionInput,
} from '@sluice/operator/runtime';
import { problemList, type PolicyProblem, type RoutingSnapshot } from '../routing/engine/index.js';
import { planDistribution, type DecisionCounts } from './distribution.js';

/** spec.classifier.model failed, and Route goes on with the policy's last good router model. */
const STALE_ROUTER_MODEL = 'RouterModelStale';

/**
 * Problems about objects the policy names (snapshot-refs.ts): they make ResolvedRefs False. Every
 * other problem is about the policy's own spec (compile.ts).
 */
export const REF_REASONS: ReadonlySet<string> = new Set([
  'UnknownModel',
  'TierMismatch',
  'UnknownQuantizationProfile',
  // spec.classifier.model.configMapRef (catalog/policy-router-model.ts)
  'RouterModelNotFound',
  'RouterModelInvalid',
  STALE_ROUTER_MODEL,
]);

export interface PolicyStatusInput {
  /** The observed object, its current status included. */
  readonly policy: RoutingPolicy;
  /** The policy's compiled snapshot (problems, tiers, model readiness). */
  readonly snapshot: RoutingSnapshot;
  /** route_decisions over the window; undefined when they could not be read (kept as they are). */
  readonly counts: DecisionCounts | undefined;
  readonly windowSeconds: number;
  readonly now: Date;
}

/**
 * Pure: the status the policy should have. Conditions keep their lastTransitionTime unless their
 * status flips, and the distribution its updatedAt unless its figures change, so the result equals
 * the observed status when nothing happened and the writer sends nothing.
 */
export function planPolicyStatus(input: PolicyStatusInput): RoutingPolicyStatus {
  const { policy, snapshot, now } = input;
  const generation = policy.metadata?.generation ?? 0;
  const previous = policy.status;
  const conditions = conditionInputs(snapshot).reduce<Condition[]>(
    (list, condition) => setCondition(list, { ...condition, observedGeneration: generation }, now),
    (previous?.conditions ?? []) as Condition[],
  );
  const tiers = snapshot.policy.tiers.map((t) => t.name);
  const distribution =
    input.counts === undefined
      ? previous?.distribution
      : planDistribution({
          policyTiers: tiers,
          counts: input.counts,
          windowSeconds: input.windowSeconds,
          previous: previous?.distribution,
          now: rfc3339(now),
        });
  const status: RoutingPolicyStatus = { observedGeneration: generation, conditions };
  return distribution === undefined ? status : { ...status, distribution };
}

/**
 * Ready, ResolvedRefs and Degraded, from the engine's problems and the models' readiness. Ready is
 * the snapshot's readiness, the very value Route checks: True exactly when Route uses the policy.
 */
export function conditionInputs(snapshot: RoutingSnapshot): ConditionInput[] {
  const refs = snapshot.problems.filter((p) => REF_REASONS.has(p.reason));
  const { readiness } = snapshot;
  return [
    readiness.ready
      ? {
          type: 'Ready',
          status: 'True',
          reason: 'Valid',
          message: 'The policy is valid; Route uses it',
        }
      : {
          type: 'Ready',
          status: 'False',
          reason: readiness.reason,
          message: `Route refuses it: ${problemList(readiness.problems)}`,
        },
    verdict('ResolvedRefs', refs, {
      reason: 'ResolvedRefs',
      message: 'Every InferenceModel and QuantizationProfile the policy names exists',
    }),
    degraded(snapshot, refs),
  ];
}

function verdict(
  type: string,
  problems: readonly PolicyProblem[],
  ok: { reason: string; message: string },
): ConditionInput {
  const first = problems[0];
  if (first === undefined) return { type, status: 'True', ...ok };
  return { type, status: 'False', reason: first.reason, message: problemList(problems) };
}

/**
 * Degraded: Route uses the policy but not all of it. A tier none of whose models is Ready cannot
 * answer (Route falls back past it, if allowed); an unresolved reference is left out of routing;
 * a spec.classifier.model that failed leaves the policy on its last good router model.
 */
function degraded(snapshot: RoutingSnapshot, problems: readonly PolicyProblem[]): ConditionInput {
  const isReady = (model: string) => snapshot.models.get(model)?.ready === true;
  const down = snapshot.policy.tiers
    .filter((tier) => !tier.targets.some((t) => isReady(t.model)))
    .map((tier) => tier.name);
  const stale = problems.filter((p) => p.reason === STALE_ROUTER_MODEL);
  const refs = problems.length - stale.length;
  const parts: [reason: string, message: string | undefined][] = [
    ['NoReadyModel', down.length === 0 ? undefined : noReadyModel(down)],
    ['UnresolvedRefs', refs === 0 ? undefined : unresolved(refs)],
    [STALE_ROUTER_MODEL, stale.length === 0 ? undefined : problemList(stale)],
  ];
  const present = parts.filter(([, message]) => message !== undefined);
  const first = present[0];
  if (first === undefined)
    return {
      type: 'Degraded',
      status: 'False',
      reason: 'AllTiersReady',
      message: 'Every tier has a Ready InferenceModel',
    };
  const message = present.map(([, text]) => text).join('; ');
  return { type: 'Degraded', status: 'True', reason: first[0], message };
}

const noReadyModel = (tiers: readonly string[]) =>
  `No Ready InferenceModel in tier${tiers.length > 1 ? 's' : ''} ${tiers.join(', ')}`;

const unresolved = (count: number) =>
  `${count} unresolved reference${count > 1 ? 's' : ''} left out of routing (see ResolvedRefs)`;
