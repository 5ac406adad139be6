// What kube-apiserver's decoding and Go validation do with a built-in object that the OpenAPI
// documents can express: JSON values of the wrong type fail decoding (400, with encoding/json's
// message, the first one in document order), and fields the document marks required but that are
// absent fail validation (422 `Required value`). A plain walk: compiling the inlined PodSpec with
// ajv took over a second per kind, which stalled the server's event loop.
import type { FieldError, StructuralSchema } from '@sluice/crds/admission';
import { GO_TYPE } from './to-structural.js';

export interface DecodeCheck {
  /** encoding/json's UnmarshalTypeError text for the first mistyped value, if any. */
  typeError?: string;
  required: FieldError[];
}

interface At {
  /** JSON path with indexes, for field errors (`spec.containers[0].name`). */
  path: string;
  /** JSON path without indexes, as encoding/json names a field (`spec.containers.name`). */
  goPath: string;
  /** The Go struct holding the field (`Container`). */
  struct: string;
}

export function decodeCheck(schema: StructuralSchema, object: unknown): DecodeCheck {
  const out: DecodeCheck = { required: [] };
  walk(object, schema, { path: '', goPath: '', struct: goStruct(schema) }, out);
  return out;
}

function walk(value: unknown, schema: StructuralSchema, at: At, out: DecodeCheck): void {
  if (value === undefined || value === null || out.typeError !== undefined) return;
  if (schema['x-kubernetes-preserve-unknown-fields'] === true && !schema.properties) return;
  const error = decodeError(value, schema, at);
  if (error !== undefined) {
    out.typeError = error;
    return;
  }
  if (Array.isArray(value)) {
    const items = schema.items;
    if (items)
      value.forEach((item, i) => walk(item, items, { ...at, path: `${at.path}[${i}]` }, out));
  } else if (typeof value === 'object') {
    walkObject(value as Record<string, unknown>, schema, at, out);
  }
}

/** encoding/json's or time.Parse's complaint about this one value, if any. */
function decodeError(value: unknown, schema: StructuralSchema, at: At): string | undefined {
  const actual = jsonKind(value);
  if (!accepts(schema, value, actual)) {
    return (
      `json: cannot unmarshal ${actual} into Go struct field ${at.struct}.${at.goPath} ` +
      `of type ${goType(schema)}`
    );
  }
  return typeof value === 'string' ? timeParseError(schema, value) : undefined;
}

function walkObject(
  value: Record<string, unknown>,
  schema: StructuralSchema,
  at: At,
  out: DecodeCheck,
): void {
  const struct = goStruct(schema) || at.struct;
  for (const [key, child] of Object.entries(value)) {
    const field = schema.properties?.[key];
    // A map entry is reported at the map's own field, as encoding/json does.
    const next = field
      ? { path: join(at.path, key), goPath: join(at.goPath, key), struct }
      : { ...at, path: join(at.path, key) };
    const sub = field ?? additional(schema);
    if (sub) walk(child, sub, next, out);
  }
  const missing = (schema.required ?? []).filter(
    (k) => value[k] === undefined || value[k] === null,
  );
  for (const key of missing) {
    out.required.push({ field: join(at.path, key), type: 'Required', message: '' });
  }
}

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

const additional = (schema: StructuralSchema): StructuralSchema | undefined =>
  typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;

const goStruct = (schema: StructuralSchema): string => {
  const name = schema[GO_TYPE];
  return typeof name === 'string' ? (name.split('.').pop() ?? '') : '';
};

/** encoding/json's names for what it found (UnmarshalTypeError.Value). */
function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}

function accepts(schema: StructuralSchema, value: unknown, actual: string): boolean {
  if (schema['x-kubernetes-int-or-string'] === true) {
    return actual === 'string' || Number.isInteger(value);
  }
  switch (schema.type) {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return actual === 'number';
    case 'boolean':
      return actual === 'bool';
    case 'string':
    case 'object':
    case 'array':
      return actual === schema.type;
    default:
      return true;
  }
}

const SCALAR_GO_TYPES: Record<string, string> = {
  number: 'float64',
  boolean: 'bool',
  string: 'string',
};

/** The Go type of a field, as encoding/json names it in its error. */
function goType(schema: StructuralSchema): string {
  const named = schema[GO_TYPE];
  if (typeof named === 'string') return named;
  if (schema.type === 'integer') return schema.format === 'int32' ? 'int32' : 'int64';
  if (schema.type === 'array') return `[]${schema.items ? goType(schema.items) : 'interface {}'}`;
  const value = additional(schema);
  if (schema.type === 'object' && value) return `map[string]${goType(value)}`;
  return SCALAR_GO_TYPES[schema.type ?? ''] ?? 'interface {}';
}

/**
 * metav1.Time and metav1.MicroTime decode with time.Parse and a fixed layout: MicroTime wants
 * exactly six fractional digits (JavaScript's toISOString gives three, and a real server refuses
 * it), Time takes RFC 3339 with any fraction.
 */
const TIME_LAYOUTS: Record<string, { layout: string; pattern: RegExp }> = {
  'v1.MicroTime': {
    layout: '2006-01-02T15:04:05.000000Z07:00',
    pattern: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}(Z|[+-]\d\d:\d\d)$/,
  },
  'v1.Time': {
    layout: '2006-01-02T15:04:05Z07:00',
    pattern: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/,
  },
};

function timeParseError(schema: StructuralSchema, value: string): string | undefined {
  const time = TIME_LAYOUTS[String(schema[GO_TYPE])];
  // An empty string is the zero time to both decoders.
  if (!time || value === '' || time.pattern.test(value)) return undefined;
  const rest = value.length > 19 ? value.slice(19) : value;
  const element = value.length > 19 ? time.layout.slice(19, time.layout.indexOf('Z')) : '2006';
  return `parsing time "${value}" as "${time.layout}": cannot parse "${rest}" as "${element}"`;
}
