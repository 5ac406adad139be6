// The whole write path for one custom resource, in kube-apiserver's order: prune unknown fields,
// apply defaults, then validate (schema, list types, CEL). Shaped to plug into the server's
// CustomResourceValidator port (../validator.ts) via validatorFrom(validateCustomResource); the
// input and result types are restated here, structurally, so this folder does not depend on it.
import { defaultObject } from './defaulting.js';
import { pruneUnknownFields } from './pruning.js';
import { isJsonObject, type FieldError } from './types.js';
import { validateObject } from './validate-object.js';

export interface CustomResourceInput {
  /** The CustomResourceDefinition as stored (apiextensions.k8s.io/v1). */
  crd: Record<string, unknown>;
  /** The version the object is written at. */
  version: string;
  object: unknown;
  oldObject?: unknown;
  subresource?: 'status';
}

export interface CustomResourceResult {
  /** The pruned and defaulted object, to be stored. */
  object: unknown;
  errors: FieldError[];
  /** Paths of the fields pruning dropped (fieldValidation Strict refuses them, Warn reports). */
  unknownFields: string[];
}

/** The openAPIV3Schema of a CRD version, if the CRD serves that version with a schema. */
export function versionSchema(crd: Record<string, unknown>, version: string): unknown {
  const spec = isJsonObject(crd.spec) ? crd.spec : {};
  const versions = Array.isArray(spec.versions) ? spec.versions : [];
  const match: unknown = versions.find((v) => isJsonObject(v) && v.name === version);
  if (!isJsonObject(match) || !isJsonObject(match.schema)) return undefined;
  return match.schema.openAPIV3Schema;
}

export function validateCustomResource(input: CustomResourceInput): CustomResourceResult {
  const schema = versionSchema(input.crd, input.version);
  if (schema === undefined) return { object: input.object, errors: [], unknownFields: [] };
  const unknownFields: string[] = [];
  const object = defaultObject(schema, pruneUnknownFields(schema, input.object, unknownFields));
  // Stored objects are defaulted again when read, as kube does on decoding from etcd.
  const oldObject =
    input.oldObject === undefined ? undefined : defaultObject(schema, input.oldObject);
  return { object, errors: validateObject({ schema, object, oldObject }), unknownFields };
}
