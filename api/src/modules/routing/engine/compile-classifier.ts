import type { RoutingPolicySpec } from '@sluice/crds';
import { compileKeywords } from './keywords.js';
import type { CompiledClassifier, PolicyProblem } from './policy.js';
import { validThresholds } from './thresholds.js';

const FIELD = 'spec.classifier.thresholds';

/**
 * spec.classifier with the CRD's defaults. A learned classifier without usable thresholds is a
 * problem (the policy is not Ready): routing with made-up ones would choose tiers nobody asked for.
 */
export function compileClassifier(
  spec: RoutingPolicySpec,
  problems: PolicyProblem[],
): CompiledClassifier {
  const classifier = spec.classifier ?? {};
  const type = classifier.type ?? 'rules';
  const thresholds = type === 'learned' ? (classifier.thresholds ?? []) : [];
  if (type === 'learned' && classifier.thresholds === undefined) {
    const message = 'classifier.type learned needs classifier.thresholds';
    problems.push({ field: FIELD, reason: 'MissingThresholds', message });
  } else if (type === 'learned' && !validThresholds(thresholds)) {
    const message =
      'classifier.thresholds needs 2 or more tiers, each once, minSmallOkPercent strictly decreasing to a last 0';
    problems.push({ field: FIELD, reason: 'InvalidThresholds', message });
  }
  return {
    type,
    complexTokenThreshold: classifier.complexTokenThreshold ?? 2000,
    complexKeywords: compileKeywords(classifier.complexKeywords),
    thresholds: thresholds.map(({ tier, minSmallOkPercent }) => ({ tier, minSmallOkPercent })),
    thresholdsFrom: 'spec',
  };
}

/** Routes without a tier take the learned classifier's; with the rules classifier there is none. */
export function missingTierProblems(
  classifier: CompiledClassifier,
  routes: readonly (readonly [string, string | undefined])[],
): PolicyProblem[] {
  if (classifier.type === 'learned') return [];
  return routes.flatMap(([field, tier]) =>
    tier === undefined
      ? [
          {
            field,
            reason: 'MissingTier',
            message:
              'a route without a tier takes the learned classifier tier; set classifier.type learned or a tier',
          },
        ]
      : [],
  );
}
