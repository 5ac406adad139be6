import type { BudgetDowngrade, SpendSnapshot } from './budget.js';
import type { ModelHealth, TierSkip } from './choose.js';
import type { Classifier, Complexity } from './classifier.js';
import type { Features } from './features.js';
import type { PromptLimits } from './tokens.js';
import type { TaskKindSource } from './verdict.js';
import type { WakingTarget } from './waking.js';

/** Where to send the query: one model of one tier. */
export interface ModelTarget {
  readonly model: string;
  readonly tier: string;
  readonly provider: 'vllm' | 'external';
  /** OpenAI-compatible base URL; undefined until the operator published one. */
  readonly endpoint: string | undefined;
  /** The model name to put in the request. */
  readonly servedModelName: string;
}

/** A routing decision with everything needed to act on it and to explain it later. */
export interface Decision extends ModelTarget {
  readonly kind: 'decision';
  readonly policy: {
    readonly name: string;
    readonly namespace: string;
    readonly generation: number;
  };
  /**
   * "rule simple-tasks: task label classification", plus any budget or fallback step; under the
   * learned classifier it opens with its verdict ("classifier router-model-1a2b3c4d: code 0.93,
   * smallOk 4% -> frontier"), and a specialist chosen for its kind says so.
   */
  readonly reason: string;
  /** undefined on the default route. */
  readonly ruleName: string | undefined;
  /** The lower of the route's cap and the caller's max_tokens; undefined when neither is set. */
  readonly maxTokens: number | undefined;
  /** Later tiers' models to try, in order, if this one fails. */
  readonly fallbacks: readonly ModelTarget[];
  /** Tiers passed over before the chosen one, and why. */
  readonly skippedTiers: readonly TierSkip[];
  /**
   * Scale-to-zero models that would have answered and are asleep or starting: this decision is
   * their demand (it wakes them) and went to a fallback meanwhile. Empty most of the time.
   */
  readonly waking: readonly WakingTarget[];
  readonly complexity: Complexity;
  /** 'caller' when the request carried its own verdict. */
  readonly classifier: Classifier;
  /** The rules classifier's score, computed even when another verdict labels the query. */
  readonly score: number;
  /** The caller's task label, else the learned classifier's predicted kind; rules and fitness read it. */
  readonly taskKind: string | undefined;
  readonly taskKindSource: TaskKindSource | undefined;
  /** The learned classifier's smallOk in [0, 1]; undefined under rules or without text. */
  readonly smallOk: number | undefined;
  /** The learned classifier's model version ("router-model-1a2b3c4d"); undefined under rules. */
  readonly classifierVersion: string | undefined;
  readonly features: Features;
  readonly promptTokens: number;
  /** Set when a budget moved the query to a cheaper tier. */
  readonly budget: BudgetDowngrade | undefined;
  /** Tier that also answers the query for quality measurement, when sampled. */
  readonly shadowTier: string | undefined;
}

/** What decide() reads besides the request and the snapshot; all of it injected, so it is pure. */
export interface RouteDeps {
  /** A number in [0, 1) (Math.random in production, pinned in tests). */
  readonly random: () => number;
  readonly now: () => Date;
  readonly limits?: PromptLimits;
  readonly spend?: SpendSnapshot;
  readonly health?: ReadonlyMap<string, ModelHealth>;
  /** Percent of quality a quantized model must keep for reasoning traffic (default 90). */
  readonly minReasoningRetention?: number;
  /** Pick the model by a hash of the decision id, so retries land on the same model. */
  readonly sticky?: boolean;
}
