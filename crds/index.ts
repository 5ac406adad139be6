// TypeScript types of the sluice.dev CustomResourceDefinitions, generated into gen/ by
// `make generate` from the CRD YAML files beside this one (the source of truth).
import type { InferenceModelStatus } from './gen/inferencemodel.js';

export * from './gen/meta.js';
export * from './gen/inferencemodel.js';
export * from './gen/routingpolicy.js';
export * from './gen/quantizationprofile.js';

/** metav1.Condition as the CRDs declare it (the same schema in every kind's status). */
export type Condition = NonNullable<InferenceModelStatus['conditions']>[number];

/**
 * The largest amounts (USD decimal strings, ADR 0002) the CRDs' CEL rules accept, for code that
 * reads objects possibly stored before those rules existed. The YAML is the source of truth;
 * crds/test/bounds.int-spec.ts fails when these drift from it.
 */
export const MONEY_BOUNDS_USD = {
  /** InferenceModel spec.pricing.gpuHourlyUSD, per GPU-hour. */
  gpuHourlyUSD: '1000',
  /** InferenceModel spec.pricing.inputPer1M, cachedInputPer1M and outputPer1M. */
  tokenPer1M: '10000',
  /** RoutingPolicy spec.budgets[].monthlyUSD. */
  monthlyUSD: '100000000',
} as const;
