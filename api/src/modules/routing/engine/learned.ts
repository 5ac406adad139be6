import type { ClassifierModel } from './classifier-model.js';
import type { Classification, Complexity } from './classifier.js';
import type { CompiledClassifier } from './policy.js';
import { tierByThreshold } from './thresholds.js';

/** What the learned classifier adds to a query's classification. */
export interface LearnedVerdict {
  readonly version: string;
  /** undefined when the query had no text (the caller sent a token count): nothing to predict. */
  readonly prediction: { readonly kind: string; readonly kindProbability: number } | undefined;
  readonly smallOk: number | undefined;
  /** The tier routes without a tier take. */
  readonly tier: string;
  /** "classifier router-model-1a2b3c4d: code 0.93, smallOk 4% -> frontier". */
  readonly reason: string;
}

/** What the learned classifier reads of one query. */
export interface LearnedInput {
  readonly text: string;
  /** The rules classifier's verdict: it labels queries without text. */
  readonly rules: Classification;
  readonly callerComplexity: Complexity | undefined;
}

type Thresholds = CompiledClassifier['thresholds'];

/**
 * The learned classifier (README "Learned classifier"): smallOk picks the first thresholds entry
 * at or below it, and the query is complex exactly when that is the last entry, so
 * `match.complexity` rules mean the same under both classifiers. The caller's complexity wins as
 * under the rules classifier, and moves the tier to its side of the last entry: complex to the
 * last, simple to the one before it at most. Without text the rules' verdict (token count, caller
 * keywords) stands for the prediction: complex to the last tier, simple to the first.
 */
export function learnedVerdict(
  model: ClassifierModel,
  thresholds: Thresholds,
  input: LearnedInput,
): { readonly verdict: LearnedVerdict; readonly complexity: Complexity } {
  if (input.text === '') return withoutText(model.version, thresholds, input);
  const { kind, kindProbability, smallOk } = model.predict(input.text);
  const byThreshold = tierByThreshold(thresholds, smallOk);
  const head = `classifier ${model.version}: ${kind} ${kindProbability.toFixed(2)}`;
  const predicted = `${head}, smallOk ${percent(smallOk)}% -> ${byThreshold.tier}`;
  const caller = input.callerComplexity;
  const complexity = caller ?? (byThreshold.last ? 'complex' : 'simple');
  const tier = callerTier(thresholds, byThreshold, caller);
  const reason =
    tier === byThreshold.tier
      ? predicted
      : `${predicted}, caller complexity ${complexity} -> ${tier}`;
  const prediction = { kind, kindProbability };
  return { verdict: { version: model.version, prediction, smallOk, tier, reason }, complexity };
}

function withoutText(
  version: string,
  thresholds: Thresholds,
  { rules, callerComplexity }: LearnedInput,
): { readonly verdict: LearnedVerdict; readonly complexity: Complexity } {
  const complexity = callerComplexity ?? rules.complexity;
  const last = thresholds.at(-1)?.tier ?? '';
  const tier = complexity === 'complex' ? last : (thresholds[0]?.tier ?? last);
  const why = callerComplexity === undefined ? `score ${rules.score}` : 'caller';
  const reason = `classifier ${version}: no text, complexity ${complexity} (${why}) -> ${tier}`;
  return {
    verdict: { version, prediction: undefined, smallOk: undefined, tier, reason },
    complexity,
  };
}

function callerTier(
  thresholds: Thresholds,
  byThreshold: { readonly tier: string; readonly last: boolean },
  caller: Complexity | undefined,
): string {
  if (caller === 'complex') return thresholds.at(-1)?.tier ?? byThreshold.tier;
  if (caller === 'simple' && byThreshold.last) return thresholds.at(-2)?.tier ?? byThreshold.tier;
  return byThreshold.tier;
}

/** Whole percent for reasons, rounded down as the threshold compare sees it (69.6 is under 70). */
export function percent(smallOk: number): number {
  return Math.floor(smallOk * 100);
}
