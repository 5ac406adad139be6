import type { Threshold } from './classifier-model.js';
import type { Complexity } from './classifier.js';
import type { KeywordMatcher } from './keywords.js';
import type { Micros } from './money.js';

/**
 * A RoutingPolicy compiled once per generation (compile.ts): defaults applied, keywords
 * lowercased into one pattern, regexes compiled, tier order indexed, budgets parsed to
 * micro-dollars. Route (the hot path) only reads this.
 */
export interface CompiledPolicy {
  readonly name: string;
  readonly namespace: string;
  readonly generation: number;
  readonly tiers: readonly CompiledTier[];
  /** Tier name -> position in spec.tiers; fallbacks walk up this order. */
  readonly tierIndex: ReadonlyMap<string, number>;
  readonly classifier: CompiledClassifier;
  readonly rules: readonly CompiledRule[];
  readonly defaultRoute: CompiledRoute;
  readonly fallback: FallbackSettings;
  readonly budgets: readonly CompiledBudget[];
  readonly shadow: { readonly samplePercent: number; readonly tier: string } | undefined;
  /** What is wrong with the policy; for its status, never a crash. */
  readonly problems: readonly PolicyProblem[];
}

export interface CompiledClassifier {
  readonly type: 'rules' | 'learned';
  readonly complexTokenThreshold: number;
  readonly complexKeywords: KeywordMatcher;
  /** learned: the thresholds in use, cheapest tier first (empty for rules). */
  readonly thresholds: readonly Threshold[];
  /**
   * Where they come from: status.classifier.thresholds (the calibration loop's, for
   * classifier.target) when they fit the spec's tiers, else the spec's (thresholds.ts).
   */
  readonly thresholdsFrom: 'spec' | 'status';
}

export interface CompiledTier {
  readonly name: string;
  readonly index: number;
  readonly targets: readonly { readonly model: string; readonly weight: number }[];
}

export interface CompiledRule {
  readonly name: string;
  readonly match: CompiledMatch;
  readonly route: CompiledRoute;
  /** False when the rule cannot be evaluated (for example an invalid regex): it never matches. */
  readonly usable: boolean;
}

/** A rule's conditions; undefined means "no such condition". All present ones must hold. */
export interface CompiledMatch {
  readonly taskLabels: ReadonlySet<string> | undefined;
  readonly hints: ReadonlySet<string> | undefined;
  readonly minPromptTokens: number | undefined;
  readonly maxPromptTokens: number | undefined;
  readonly keywords: KeywordMatcher | undefined;
  readonly regex: RegExp | undefined;
  readonly tags: readonly (readonly [string, string])[] | undefined;
  readonly complexity: Complexity | undefined;
}

export interface CompiledRoute {
  /** undefined: the learned classifier's tier (compile.ts refuses it for the rules classifier). */
  readonly tier: string | undefined;
  readonly maxTokens: number | undefined;
  readonly allowQuantizedForReasoning: boolean;
}

export interface FallbackSettings {
  readonly onUnavailable: boolean;
  readonly onOverload: boolean;
  readonly onErrorBudget: boolean;
  readonly errorBudgetPercent: number;
}

export interface CompiledBudget {
  readonly name: string;
  readonly tagKey: string;
  readonly tagValue: string;
  /** undefined when monthlyUSD is not a valid amount: the budget is reported and skipped. */
  readonly monthlyMicros: Micros | undefined;
  readonly thresholdPercent: number;
  readonly action: 'downgrade' | 'reject';
  readonly downgradeTo: string | undefined;
}

/** One thing wrong with a policy, named by its field path, for the RoutingPolicy's conditions. */
export interface PolicyProblem {
  readonly field: string;
  /** CamelCase, as a condition reason. */
  readonly reason: string;
  readonly message: string;
}
