import { WEAK_MARKERS, type Features } from './features.js';

export type Complexity = 'simple' | 'complex';

/**
 * Who labelled the query: the rules classifier, the learned one (learned.ts), or the caller's own
 * verdict. A learned policy's query without text is labelled by the rules (nothing to predict on).
 */
export type Classifier = 'rules' | 'learned' | 'caller';

export interface Classification {
  readonly complexity: Complexity;
  readonly classifier: Classifier;
  /** Sum of the weights below; complex at COMPLEX_AT or more. */
  readonly score: number;
  readonly features: Features;
}

/**
 * The rule-based classifier the seed asks for ("query length, keyword patterns, or explicit task
 * labels ... even rough routing captures most of the savings"). Weights, in points, COMPLEX_AT = 1:
 *
 * | feature                                    | points                 | why |
 * | ------------------------------------------ | ---------------------- | --- |
 * | tokens >= classifier.complexTokenThreshold | 1 (decides alone)      | the CRD says such prompts count as complex |
 * | a policy classifier.complexKeywords phrase | 1 (decides alone)      | the operator's own list says "complex" |
 * | tokens >= half the threshold               | 0.25                   | long context leans complex |
 * | strong reasoning marker (compare, prove..) | 0.5 each, at most 1    | two of them ask for real reasoning |
 * | weak marker (why, explain, how would, ...) | 0.25 each, at most 0.5 | alone they open short factual questions |
 * | multi-step cue (first..then, and then, ..) | 0.5 each, at most 1    | sequenced work is multi-step reasoning |
 * | several questions (2+; 4+)                 | 0.25; 0.5              | several asks in one prompt |
 * | code (3+ signals)                          | 0.5                    | code plus one more cue is real work |
 * | math (1+ signal)                           | 0.5                    | likewise for math |
 *
 * So "Why is the sky blue?" (0.25) and "Classify this ticket" (0) stay simple; "Compare A and B
 * and analyze the trade-offs" (1), "First summarize it, then list the risks and then ..." (1) and
 * code with "explain why" (1) are complex.
 * Scores are rounded to hundredths so equal inputs give equal, printable scores.
 */
export const COMPLEX_AT = 1;

export function classify(features: Features, complexTokenThreshold: number): Classification {
  const score = round(
    lengthPoints(features.tokens, complexTokenThreshold) +
      Math.min(1, features.complexKeywords.length) +
      markerPoints(features.reasoningMarkers) +
      Math.min(1, 0.5 * features.multiStepCues) +
      questionPoints(features.questions) +
      (hasCode(features) ? 0.5 : 0) +
      (hasMath(features) ? 0.5 : 0),
  );
  const complexity = score >= COMPLEX_AT ? 'complex' : 'simple';
  return { complexity, classifier: 'rules', score, features };
}

export function hasCode(features: Features): boolean {
  return features.codeSignals >= 3;
}

export function hasMath(features: Features): boolean {
  return features.mathSignals >= 1;
}

const WEAK = new Set(WEAK_MARKERS.map(([name]) => name));

function markerPoints(markers: readonly string[]): number {
  const weak = markers.filter((m) => WEAK.has(m)).length;
  const strong = markers.length - weak;
  return Math.min(1, 0.5 * strong) + Math.min(0.5, 0.25 * weak);
}

function lengthPoints(tokens: number, threshold: number): number {
  if (tokens >= threshold) return 1;
  return tokens >= threshold / 2 ? 0.25 : 0;
}

function questionPoints(questions: number): number {
  if (questions >= 4) return 0.5;
  return questions >= 2 ? 0.25 : 0;
}

function round(score: number): number {
  return Math.round(score * 100) / 100;
}
