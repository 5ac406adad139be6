// The port through which the store validates and defaults custom resources. startKubeServer plugs
// in @sluice/crds/admission (pruning, defaults, structural schema, CEL) by default; the Store
// alone, and tests that want no validation, use the pass-through validator.
import type { FieldError } from './errors.js';

export interface CustomResourceValidationInput {
  /** The CustomResourceDefinition object as stored (apiextensions.k8s.io/v1). */
  crd: Record<string, unknown>;
  /** The version the object is written at. */
  version: string;
  object: unknown;
  oldObject?: unknown;
  subresource?: 'status';
}

export interface CustomResourceValidationResult {
  /** The object with defaults applied. */
  object: unknown;
  errors: FieldError[];
  /** Fields the schema does not know, pruned from `object` (paths like spec.vllm.foo). */
  unknownFields?: string[];
}

export interface CustomResourceValidator {
  validate(input: CustomResourceValidationInput): CustomResourceValidationResult;
}

export const passThroughValidator: CustomResourceValidator = {
  validate: (input) => ({ object: input.object, errors: [] }),
};

/** Adapts a plain function such as `validateCustomResource` (@sluice/crds/admission) to the port. */
export const validatorFrom = (
  fn: (input: CustomResourceValidationInput) => CustomResourceValidationResult,
): CustomResourceValidator => ({ validate: fn });
