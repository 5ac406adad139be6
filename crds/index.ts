// TypeScript types of the sluice.dev CustomResourceDefinitions, generated into gen/ by
// `make generate` from the CRD YAML files beside this one (the source of truth).
import type { InferenceModelStatus } from './gen/inferencemodel.js';

export * from './gen/meta.js';
export * from './gen/inferencemodel.js';
export * from './gen/routingpolicy.js';
export * from './gen/quantizationprofile.js';

/** metav1.Condition as the CRDs declare it (the same schema in every kind's status). */
export type Condition = NonNullable<InferenceModelStatus['conditions']>[number];
