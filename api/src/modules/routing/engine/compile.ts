import type { RoutingPolicySpec } from '@sluice/crds';
import { compileBudgets } from './compile-budgets.js';
import { compileClassifier, missingTierProblems } from './compile-classifier.js';
import { compileRegex } from './compile-regex.js';
import { compileKeywords } from './keywords.js';
import type {
  CompiledMatch,
  CompiledPolicy,
  CompiledRule,
  CompiledTier,
  FallbackSettings,
  PolicyProblem,
} from './policy.js';

type Rule = NonNullable<RoutingPolicySpec['rules']>[number];

export interface PolicyMeta {
  readonly name: string;
  readonly namespace: string;
  readonly generation: number;
}

/**
 * Compiles a RoutingPolicy spec for the hot path. Defaults are the CRD's, applied again here so a
 * spec that skipped the API server's defaulting (tests, an old object) routes the same. Nothing
 * here throws: what cannot be used is reported as a problem and left out.
 */
export function compilePolicy(meta: PolicyMeta, spec: RoutingPolicySpec): CompiledPolicy {
  const problems: PolicyProblem[] = [];
  const tiers = compileTiers(spec, problems);
  const compiled: CompiledPolicy = {
    ...meta,
    tiers,
    tierIndex: new Map(tiers.map((t) => [t.name, t.index] as const)),
    classifier: compileClassifier(spec, problems),
    rules: (spec.rules ?? []).map((rule, i) => compileRule(rule, `spec.rules[${i}]`, problems)),
    defaultRoute: {
      tier: spec.defaultRoute.tier,
      maxTokens: spec.defaultRoute.maxTokens,
      allowQuantizedForReasoning: false,
    },
    fallback: compileFallback(spec),
    budgets: compileBudgets(spec.budgets ?? [], problems),
    shadow: spec.shadow && {
      samplePercent: spec.shadow.samplePercent ?? 5,
      tier: spec.shadow.tier,
    },
    problems,
  };
  checkTierRefs(compiled, problems);
  return compiled;
}

function compileTiers(spec: RoutingPolicySpec, problems: PolicyProblem[]): CompiledTier[] {
  const seen = new Set<string>();
  return spec.tiers.flatMap((tier, i) => {
    if (seen.has(tier.name)) {
      const message = `tier ${tier.name} is declared twice`;
      problems.push(problem(`spec.tiers[${i}].name`, 'DuplicateTier', message));
      return [];
    }
    seen.add(tier.name);
    const targets = tier.targets.map((t) => ({ model: t.model, weight: t.weight ?? 1 }));
    return [{ name: tier.name, index: seen.size - 1, targets }];
  });
}

function compileFallback(spec: RoutingPolicySpec): FallbackSettings {
  const fallback = spec.fallback ?? {};
  return {
    onUnavailable: fallback.onUnavailable ?? true,
    onOverload: fallback.onOverload ?? true,
    onErrorBudget: fallback.onErrorBudget ?? false,
    errorBudgetPercent: fallback.errorBudgetPercent ?? 5,
  };
}

function compileRule(rule: Rule, path: string, problems: PolicyProblem[]): CompiledRule {
  const regex = compileRegex(rule.match.regex, `${path}.match.regex`, problems);
  const match = compileMatch(rule.match, regex === 'invalid' ? undefined : regex);
  if (regex === undefined && Object.values(match).every((condition) => condition === undefined)) {
    const message = `rule ${rule.name} has no condition and matches every query`;
    problems.push(problem(`${path}.match`, 'EmptyMatch', message));
  }
  const route = {
    tier: rule.route.tier,
    maxTokens: rule.route.maxTokens,
    allowQuantizedForReasoning: rule.route.allowQuantizedForReasoning ?? false,
  };
  return { name: rule.name, match, route, usable: regex !== 'invalid' };
}

function compileMatch(m: Rule['match'], regex: RegExp | undefined): CompiledMatch {
  return {
    taskLabels: nonEmptySet(m.taskLabels),
    hints: nonEmptySet(m.hints),
    minPromptTokens: m.minPromptTokens,
    maxPromptTokens: m.maxPromptTokens,
    keywords: nonEmpty(m.keywords) ? compileKeywords(m.keywords) : undefined,
    regex,
    tags:
      m.tags &&
      Object.entries(m.tags).flatMap(([k, v]) => (v === undefined ? [] : [[k, v] as const])),
    complexity: m.complexity,
  };
}

function nonEmpty(list: readonly string[] | undefined): list is readonly string[] {
  return list !== undefined && list.length > 0;
}

function nonEmptySet(list: readonly string[] | undefined): ReadonlySet<string> | undefined {
  return nonEmpty(list) ? new Set(list) : undefined;
}

function checkTierRefs(policy: CompiledPolicy, problems: PolicyProblem[]): void {
  const routes: (readonly [string, string | undefined])[] = [
    ['spec.defaultRoute.tier', policy.defaultRoute.tier],
    ...policy.rules.map((r, i) => [`spec.rules[${i}].route.tier`, r.route.tier] as const),
  ];
  problems.push(...missingTierProblems(policy.classifier, routes));
  const refs: (readonly [string, string | undefined])[] = [
    ...routes,
    ...policy.classifier.thresholds.map(
      (t, i) => [`spec.classifier.thresholds[${i}].tier`, t.tier] as const,
    ),
    ...policy.budgets.map((b, i) => [`spec.budgets[${i}].downgradeTo`, b.downgradeTo] as const),
    ['spec.shadow.tier', policy.shadow?.tier],
  ];
  for (const [field, tier] of refs) {
    if (tier !== undefined && !policy.tierIndex.has(tier)) {
      problems.push(problem(field, 'UnknownTier', `tier ${tier} is not declared in spec.tiers`));
    }
  }
}

export function problem(field: string, reason: string, message: string): PolicyProblem {
  return { field, reason, message };
}
