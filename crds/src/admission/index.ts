// CRD admission: validation and defaulting of custom resources as kube-apiserver does it, from
// the CRD's own schema. The Kubernetes-API stand-in (@sluice/kube-sim) applies
// pruneUnknownFields -> defaultObject -> validateObject on every create and update (all three in
// validateCustomResource), and renders errors with formatInvalid (HTTP 422, reason Invalid,
// details.causes from statusCauses); `sluice render` runs the same on what it renders.
export { defaultObject } from './defaulting.js';
export { pruneUnknownFields } from './pruning.js';
export { validateObject } from './validate-object.js';
export { validateCustomResource, versionSchema } from './custom-resource.js';
export type { CustomResourceInput, CustomResourceResult } from './custom-resource.js';
export { errorBody, formatFieldError, formatInvalid, statusCauses } from './format.js';
export type { StatusCause } from './format.js';
export type {
  FieldError,
  FieldErrorType,
  StructuralSchema,
  ValidationInput,
  ValidationRule,
} from './types.js';
