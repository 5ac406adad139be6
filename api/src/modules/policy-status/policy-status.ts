import type { RoutingPolicy, RoutingPolicyStatus } from '@sluice/crds';
import {
  rfc3339,
  setCondition,
  type Condition,
  type ConditionInput,
} from '@sluice/operator/runtime';
import type { PolicyProblem, RoutingSnapshot } from '../routing/engine/index.js';
import { planDistribution, type DecisionCounts } from './distribution.js';

/**
 * Problems about objects the policy names (snapshot-refs.ts): they make ResolvedRefs False. Every
 * other problem is about the policy's own spec (compile.ts).
 */
export const REF_REASONS: ReadonlySet<string> = new Set([
  'UnknownModel',
  'TierMismatch',
  'UnknownQuantizationProfile',
]);

/** Problems listed in a message before "and N more"; the full list is in the API's logs. */
const LISTED = 8;

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

/** Ready, ResolvedRefs and Degraded, from the engine's problems and the models' readiness. */
export function conditionInputs(snapshot: RoutingSnapshot): ConditionInput[] {
  const problems = snapshot.problems;
  const refs = problems.filter((p) => REF_REASONS.has(p.reason));
  return [
    verdict('Ready', problems, { reason: 'Valid', message: 'The policy is valid; Route uses it' }),
    verdict('ResolvedRefs', refs, {
      reason: 'ResolvedRefs',
      message: 'Every InferenceModel and QuantizationProfile the policy names exists',
    }),
    degraded(snapshot),
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

/** "field: message; field: message" (the first LISTED of them), so a human can find each one. */
export function problemList(problems: readonly PolicyProblem[]): string {
  const listed = problems.slice(0, LISTED).map((p) => `${p.field}: ${p.message}`);
  const more = problems.length - LISTED;
  return more > 0 ? `${listed.join('; ')}; and ${more} more` : listed.join('; ');
}

/** A tier none of whose models is Ready cannot answer; Route falls back past it (if allowed). */
function degraded(snapshot: RoutingSnapshot): ConditionInput {
  const isReady = (model: string) => snapshot.models.get(model)?.ready === true;
  const down = snapshot.policy.tiers
    .filter((tier) => !tier.targets.some((t) => isReady(t.model)))
    .map((tier) => tier.name);
  if (down.length === 0)
    return {
      type: 'Degraded',
      status: 'False',
      reason: 'AllTiersReady',
      message: 'Every tier has a Ready InferenceModel',
    };
  const message = `No Ready InferenceModel in tier${down.length > 1 ? 's' : ''} ${down.join(', ')}`;
  return { type: 'Degraded', status: 'True', reason: 'NoReadyModel', message };
}
