// Maps ajv errors to the field errors kube-apiserver returns for OpenAPI schema violations.
// Wording follows k8s.io/kube-openapi/pkg/validation/errors (`<path> in body should be ...`)
// and the code-to-field.Error switch of apiextensions-apiserver's
// kubeOpenAPIResultToFieldErrors (Required, NotSupported, TooLong, TooMany, TypeInvalid, Invalid).
import type { ErrorObject } from 'ajv';
import { goFloat, goQuote } from './go-format.js';
import { pointerToPath } from './paths.js';
import type { FieldError } from './types.js';

export interface MappedError {
  error: FieldError;
  /** The JSON pointer of the node the error is about (for ratcheting on update). */
  pointer?: string;
  /** Kube's hasBlockingErr: CEL rules are not run when the object has such an error. */
  blocking: boolean;
}

type Mapper = (e: ErrorObject, path: string) => MappedError;

const invalid = (field: string, value: unknown, message: string, blocking = false) => ({
  error: { field, type: 'Invalid' as const, value, message },
  blocking,
});

/** Go's schema type name of a decoded JSON value (the %q in "must be of type integer: ..."). */
export function jsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

// Limits are float64 in the schema; kube compares integers as int64, printing the limit as one.
function limit(e: ErrorObject): string {
  const n = Number(e.params.limit);
  return Number.isInteger(e.data) ? String(Math.trunc(n)) : goFloat(n);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function enumValues(e: ErrorObject): string {
  const parent = e.parentSchema as Record<string, unknown> | undefined;
  const values = (parent?.['x-kube-enum'] ?? e.params.allowedValues) as unknown[];
  const texts = values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return `supported values: ${texts.map(goQuote).join(', ')}`;
}

function typeError(e: ErrorObject, path: string): MappedError {
  const parent = e.parentSchema as Record<string, unknown> | undefined;
  const expected = String(parent?.['x-kube-type'] ?? e.params.type);
  const actual = jsonTypeName(e.data);
  return invalid(path, actual, `${path} in body must be of type ${expected}: "${actual}"`, true);
}

const MAPPERS: Record<string, Mapper> = {
  type: typeError,
  required: (e, path) => {
    const field =
      path === ''
        ? String(e.params.missingProperty)
        : `${path}.${String(e.params.missingProperty)}`;
    return { error: { field, type: 'Required', message: '' }, blocking: true };
  },
  enum: (e, path) => ({
    error: { field: path, type: 'Unsupported value', value: e.data, message: enumValues(e) },
    blocking: true,
  }),
  maxLength: (e, path) => ({
    error: {
      field: path,
      type: 'Too long',
      message: `may not be more than ${plural(Number(e.params.limit), 'byte')}`,
    },
    blocking: true,
  }),
  maxItems: (e, path) => tooMany(path, e, 'item'),
  maxProperties: (e, path) => tooMany(path, e, 'item'),
  minLength: (e, p) =>
    invalid(p, e.data, `${p} in body should be at least ${String(e.params.limit)} chars long`),
  pattern: (e, p) => invalid(p, e.data, `${p} in body should match '${String(e.params.pattern)}'`),
  format: (e, p) =>
    invalid(
      p,
      e.data,
      `${p} in body must be of type ${String(e.params.format)}: ${goQuote(String(e.data))}`,
      true,
    ),
  maximum: (e, p) => invalid(p, e.data, `${p} in body should be less than or equal to ${limit(e)}`),
  exclusiveMaximum: (e, p) => invalid(p, e.data, `${p} in body should be less than ${limit(e)}`),
  minimum: (e, p) =>
    invalid(p, e.data, `${p} in body should be greater than or equal to ${limit(e)}`),
  exclusiveMinimum: (e, p) => invalid(p, e.data, `${p} in body should be greater than ${limit(e)}`),
  multipleOf: (e, p) =>
    invalid(
      p,
      e.data,
      `${p} in body should be a multiple of ${goFloat(Number(e.params.multipleOf))}`,
    ),
  minItems: (e, p) =>
    invalid(
      p,
      countOf(e.data),
      `${p} in body should have at least ${String(e.params.limit)} items`,
    ),
  minProperties: (e, p) =>
    invalid(
      p,
      countOf(e.data),
      `${p} in body should have at least ${String(e.params.limit)} properties`,
    ),
  uniqueItems: (_e, p) => invalid(p, '', `${p} in body shouldn't contain duplicates`),
};

function countOf(data: unknown): number {
  return Array.isArray(data) ? data.length : Object.keys(data as object).length;
}

function tooMany(path: string, e: ErrorObject, word: string): MappedError {
  const message = `must have at most ${plural(Number(e.params.limit), word)}`;
  return {
    error: { field: path, type: 'Too many', value: countOf(e.data), message },
    blocking: true,
  };
}

/** Maps one ajv error; `root` is the validated document, used to tell list indices from keys. */
export function mapAjvError(e: ErrorObject, root: unknown): MappedError {
  const path = pointerToPath(e.instancePath, root);
  const mapper = MAPPERS[e.keyword];
  const mapped = mapper
    ? mapper(e, path)
    : invalid(path, e.data ?? '', `${path} in body ${e.message ?? 'is invalid'}`);
  return { ...mapped, pointer: e.instancePath };
}
