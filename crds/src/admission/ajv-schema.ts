// Converts a structural schema (OpenAPI v3.0 subset) into a JSON Schema that ajv (draft-07)
// validates the way kube-openapi does. The differences handled here:
// - exclusiveMinimum/exclusiveMaximum are booleans in OpenAPI 3.0 and numbers in draft-07;
// - nullable becomes a `null` type (and a null enum member);
// - x-kubernetes-int-or-string becomes type [integer, string], whose ajv type error renders as
//   kube's "must be of type integer,string";
// - x-kube-type / x-kube-enum keep the original type and enum so errors can quote them exactly.
import { additionalSchema, type StructuralSchema } from './types.js';

type AjvSchema = Record<string, unknown>;

const COPIED = [
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'multipleOf',
  'minProperties',
  'maxProperties',
  'required',
  'format',
] as const;

export function toAjvSchema(schema: StructuralSchema): AjvSchema {
  const out: AjvSchema = {};
  for (const keyword of COPIED) if (schema[keyword] !== undefined) out[keyword] = schema[keyword];
  if (typeof schema.pattern === 'string' && isJsRegex(schema.pattern)) out.pattern = schema.pattern;
  convertExclusive(schema, out);
  convertType(schema, out);
  convertChildren(schema, out);
  return out;
}

// Patterns are RE2 (Go); the few that JavaScript cannot compile (e.g. `(?i)` flags) are skipped
// rather than failing the whole schema.
function isJsRegex(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

function convertExclusive(schema: StructuralSchema, out: AjvSchema): void {
  if (schema.exclusiveMaximum === true && typeof schema.maximum === 'number') {
    out.exclusiveMaximum = schema.maximum;
    delete out.maximum;
  }
  if (schema.exclusiveMinimum === true && typeof schema.minimum === 'number') {
    out.exclusiveMinimum = schema.minimum;
    delete out.minimum;
  }
}

function convertType(schema: StructuralSchema, out: AjvSchema): void {
  const types = schema['x-kubernetes-int-or-string'] === true ? ['integer', 'string'] : [];
  if (types.length === 0 && typeof schema.type === 'string' && schema.type !== '') {
    types.push(schema.type);
  }
  if (types.length > 0) {
    out['x-kube-type'] = types.join(',');
    out.type = schema.nullable === true ? [...types, 'null'] : types;
  }
  if (schema.enum !== undefined) {
    out['x-kube-enum'] = schema.enum;
    out.enum = schema.nullable === true ? [...schema.enum, null] : schema.enum;
  }
}

function convertChildren(schema: StructuralSchema, out: AjvSchema): void {
  if (schema.properties !== undefined) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([key, prop]) => [key, toAjvSchema(prop)]),
    );
  }
  if (schema.items !== undefined) out.items = toAjvSchema(schema.items);
  const values = additionalSchema(schema);
  if (values !== undefined) out.additionalProperties = toAjvSchema(values);
  for (const combinator of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = schema[combinator];
    if (list !== undefined) out[combinator] = list.map(toAjvSchema);
  }
  if (schema.not !== undefined) out.not = toAjvSchema(schema.not);
}
