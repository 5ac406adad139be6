import { applyBudgets, type BudgetOutcome } from './budget.js';
import { place, type Choice, type Placement } from './choose.js';
import { classify, type Classification } from './classifier.js';
import type { Decision, ModelTarget, RouteDeps } from './decision.js';
import { isRouteError, type RouteError } from './errors.js';
import { extractFeatures } from './features.js';
import { DEFAULT_MIN_RETENTION, qualityNeed } from './guard.js';
import { hashFraction } from './hash.js';
import { matchRule, type RuleMatch } from './match.js';
import { notReadyError } from './readiness.js';
import { measureRequest, type MeasuredPrompt, type RouteRequest } from './request.js';
import { shadowTierFor } from './shadow.js';
import type { RoutingSnapshot } from './snapshot.js';
import { DEFAULT_PROMPT_LIMITS } from './tokens.js';

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
  const keywords = request.keywords ?? [];
  const verdict = classifyPrompt(prompt, request, snapshot);
  const match = matchRule(policy, {
    ...prompt,
    keywords,
    taskLabel: request.taskLabel,
    hints: request.hints ?? [],
    tags: request.tags ?? {},
    complexity: verdict.complexity,
    classifier: verdict.classifier,
    score: verdict.score,
  });
  const budget = applyBudgets(
    policy,
    { tier: match.route.tier, tags: request.tags ?? {} },
    deps.spend,
    deps.now(),
  );
  if (isRouteError(budget)) return budget;
  const placement = placeQuery(request, snapshot, deps, { match, verdict, tier: budget.tier });
  if (isRouteError(placement)) return placement;
  return {
    kind: 'decision',
    ...targetOf(placement.chosen),
    policy: { name: policy.name, namespace: policy.namespace, generation: policy.generation },
    reason: reasonOf(match, budget, placement),
    ruleName: match.ruleName,
    maxTokens: lowerOf(match.route.maxTokens, request.maxTokens),
    fallbacks: placement.fallbacks.map(targetOf),
    skippedTiers: placement.skipped,
    complexity: verdict.complexity,
    classifier: verdict.classifier,
    score: verdict.score,
    features: verdict.features,
    promptTokens: prompt.tokens,
    budget: budget.downgrade,
    shadowTier: shadowTierFor(policy, placement.chosen.tier, {
      decisionId: request.decisionId,
      random: deps.random,
    }),
  };
}

/** The classifier's verdict, unless the caller gave its own: that label wins, features stay. */
function classifyPrompt(
  prompt: MeasuredPrompt,
  request: RouteRequest,
  snapshot: RoutingSnapshot,
): Classification {
  const { complexKeywords, complexTokenThreshold } = snapshot.policy.classifier;
  const features = extractFeatures(prompt.text, prompt.tokens, complexKeywords, request.keywords);
  const verdict = classify(features, complexTokenThreshold);
  return request.complexity === undefined
    ? verdict
    : { ...verdict, complexity: request.complexity, classifier: 'caller' };
}

interface Routed {
  readonly match: RuleMatch;
  readonly verdict: Classification;
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
    need: qualityNeed(request.taskLabel, routed.verdict.complexity, allowQuantized, minRetention),
    pick:
      sticky && request.decisionId !== undefined ? hashFraction(request.decisionId) : deps.random(),
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

function reasonOf(match: RuleMatch, budget: BudgetOutcome, placement: Placement): string {
  const steps = [match.reason];
  const downgrade = budget.downgrade;
  if (downgrade) {
    steps.push(
      `budget ${downgrade.budget} at ${downgrade.percentSpent}%: ${downgrade.fromTier} -> ${downgrade.toTier}`,
    );
  }
  for (const skip of placement.skipped) steps.push(`fell back past ${skip.tier} (${skip.reason})`);
  return steps.join('; ');
}

function lowerOf(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.min(a, b);
}
