import { applyBudgets, type BudgetOutcome } from './budget.js';
import { place, type Choice, type Placement } from './choose.js';
import type { Decision, ModelTarget, RouteDeps } from './decision.js';
import { isRouteError, routeError, type RouteError } from './errors.js';
import { fitReason } from './fitness.js';
import { DEFAULT_MIN_RETENTION, qualityNeed } from './guard.js';
import { hashFraction } from './hash.js';
import { matchRule, type QueryFacts, type RuleMatch } from './match.js';
import { notReadyError } from './readiness.js';
import { measureRequest, type MeasuredPrompt, type RouteRequest } from './request.js';
import { shadowTierFor } from './shadow.js';
import type { RoutingSnapshot } from './snapshot.js';
import { DEFAULT_PROMPT_LIMITS } from './tokens.js';
import { classifyQuery, type Verdict } from './verdict.js';

/**
 * Route, the hot path: validate and measure the prompt (oversized ones are refused first),
 * classify it, match the first rule, apply budgets, place it on a ready model of the route's tier
 * or a later one, sample it for shadowing. Pure: everything it reads is in its arguments.
 */
export function decide(
  request: RouteRequest,
  snapshot: RoutingSnapshot,
  deps: RouteDeps,
): Decision | RouteError {
  const prompt = measureRequest(request, deps.limits ?? DEFAULT_PROMPT_LIMITS);
  if (isRouteError(prompt)) return prompt;
  const { policy } = snapshot;
  const notReady = notReadyError(policy, snapshot.readiness);
  if (notReady !== undefined) return notReady;
  const verdict = classifyQuery(prompt, request, snapshot);
  const match = matchRule(policy, queryFacts(prompt, request, verdict));
  const tier = match.route.tier ?? verdict.learned?.tier;
  if (tier === undefined) return noTier(snapshot);
  const budget = applyBudgets(policy, { tier, tags: request.tags ?? {} }, deps.spend, deps.now());
  if (isRouteError(budget)) return budget;
  const placement = placeQuery(request, snapshot, deps, { match, verdict, tier: budget.tier });
  if (isRouteError(placement)) return placement;
  return {
    kind: 'decision',
    ...targetOf(placement.chosen),
    policy: { name: policy.name, namespace: policy.namespace, generation: policy.generation },
    reason: reasonOf(verdict, match, budget, placement),
    ruleName: match.ruleName,
    maxTokens: lowerOf(match.route.maxTokens, request.maxTokens),
    fallbacks: placement.fallbacks.map(targetOf),
    skippedTiers: placement.skipped,
    waking: placement.waking,
    complexity: verdict.complexity,
    classifier: verdict.classifier,
    score: verdict.score,
    ...taskOf(verdict),
    features: verdict.features,
    promptTokens: prompt.tokens,
    budget: budget.downgrade,
    shadowTier: shadowTierFor(policy, placement.chosen.tier, {
      decisionId: request.decisionId,
      random: deps.random,
    }),
  };
}

function taskOf(
  verdict: Verdict,
): Pick<Decision, 'taskKind' | 'taskKindSource' | 'smallOk' | 'classifierVersion'> {
  const { taskKind, taskKindSource, learned } = verdict;
  return {
    taskKind,
    taskKindSource,
    smallOk: learned?.smallOk,
    classifierVersion: learned?.version,
  };
}

function queryFacts(prompt: MeasuredPrompt, request: RouteRequest, verdict: Verdict): QueryFacts {
  return {
    ...prompt,
    keywords: request.keywords ?? [],
    taskLabel: verdict.taskKind,
    taskLabelNote: verdict.learned === undefined ? '' : taskKindNote(verdict),
    hints: request.hints ?? [],
    tags: request.tags ?? {},
    complexity: verdict.complexity,
    classifier: verdict.classifier,
    score: verdict.score,
    smallOk: verdict.learned?.smallOk,
  };
}

function taskKindNote({ taskKindSource, learned }: Verdict): string {
  if (taskKindSource === 'caller') return ' (caller)';
  const p = learned?.prediction?.kindProbability;
  return p === undefined ? '' : ` (predicted ${p.toFixed(2)})`;
}

/** Only a policy compile.ts reported (a route without tier, rules classifier) gets here. */
function noTier(snapshot: RoutingSnapshot): RouteError {
  const { namespace, name } = snapshot.policy;
  return routeError(
    'FAILED_PRECONDITION',
    `RoutingPolicy ${namespace}/${name} names no tier for the route`,
  );
}

interface Routed {
  readonly match: RuleMatch;
  readonly verdict: Verdict;
  /** The route's tier after budgets. */
  readonly tier: string;
}

function placeQuery(
  request: RouteRequest,
  snapshot: RoutingSnapshot,
  deps: RouteDeps,
  routed: Routed,
): Placement | RouteError {
  const minRetention = deps.minReasoningRetention ?? DEFAULT_MIN_RETENTION;
  const allowQuantized = routed.match.route.allowQuantizedForReasoning;
  const sticky = deps.sticky === true && request.decisionId !== undefined;
  return place(routed.tier, {
    policy: snapshot.policy,
    models: snapshot.models,
    health: deps.health ?? new Map(),
    need: qualityNeed(
      routed.verdict.taskKind,
      routed.verdict.complexity,
      allowQuantized,
      minRetention,
    ),
    pick:
      sticky && request.decisionId !== undefined ? hashFraction(request.decisionId) : deps.random(),
    taskKind: routed.verdict.taskKind,
  });
}

function targetOf({ tier, model }: Choice): ModelTarget {
  return {
    model: model.name,
    tier,
    provider: model.provider,
    endpoint: model.endpoint,
    servedModelName: model.servedModelName,
  };
}

function reasonOf(
  verdict: Verdict,
  match: RuleMatch,
  budget: BudgetOutcome,
  placement: Placement,
): string {
  const steps =
    verdict.learned === undefined ? [match.reason] : [verdict.learned.reason, match.reason];
  const downgrade = budget.downgrade;
  if (downgrade) {
    steps.push(
      `budget ${downgrade.budget} at ${downgrade.percentSpent}%: ${downgrade.fromTier} -> ${downgrade.toTier}`,
    );
  }
  for (const skip of placement.skipped) steps.push(`fell back past ${skip.tier} (${skip.reason})`);
  for (const w of placement.waking) steps.push(`waking ${w.model}, ready in ~${w.readyInSeconds}s`);
  const fit = fitReason(placement.chosen.model, verdict.taskKind);
  if (fit !== undefined) steps.push(fit);
  return steps.join('; ');
}

function lowerOf(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.min(a, b);
}
