// Shapes shared by the validation pipeline. FieldError mirrors k8s.io/apimachinery's field.Error
// (type, field path, bad value, detail) so the server can render messages exactly as
// kube-apiserver does; `message` is the detail, `value` the bad value (absent = omitted).

export type FieldErrorType =
  | 'Invalid'
  | 'Required'
  | 'Unsupported value'
  | 'Forbidden'
  | 'Too long'
  | 'Too many'
  | 'Duplicate';

export interface FieldError {
  field: string;
  type: FieldErrorType;
  message: string;
  value?: unknown;
}

export interface ValidationInput {
  /** The version's openAPIV3Schema. */
  schema: unknown;
  object: unknown;
  /** The stored object on update; transition rules (oldSelf) only run when it is given. */
  oldObject?: unknown;
}

/** One entry of x-kubernetes-validations. */
export interface ValidationRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  fieldPath?: string;
  reason?: string;
  optionalOldSelf?: boolean;
}

/** The structural-schema subset of JSONSchemaProps that the test server understands. */
export interface StructuralSchema {
  type?: string;
  format?: string;
  nullable?: boolean;
  default?: unknown;
  enum?: unknown[];
  properties?: Record<string, StructuralSchema>;
  required?: string[];
  items?: StructuralSchema;
  additionalProperties?: StructuralSchema | boolean;
  allOf?: StructuralSchema[];
  anyOf?: StructuralSchema[];
  oneOf?: StructuralSchema[];
  not?: StructuralSchema;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-validations'?: ValidationRule[];
  [keyword: string]: unknown;
}

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Narrows an unknown schema node; anything that is not an object is "no schema". */
export function asSchema(value: unknown): StructuralSchema | undefined {
  return isJsonObject(value) ? value : undefined;
}

/** The schema of a map value: additionalProperties when it is a schema (not a bare boolean). */
export function additionalSchema(
  schema: StructuralSchema | undefined,
): StructuralSchema | undefined {
  return asSchema(schema?.additionalProperties);
}
