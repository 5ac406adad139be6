// OpenAPI schema validation with ajv, compiled once per schema object (cached by identity, so a
// CRD version's schema is compiled on first use only), followed by list-type invariants, in the
// order of kube-apiserver's customResourceStrategy.Validate.
import { Ajv, type ValidateFunction } from 'ajv';
import formatsPlugin from 'ajv-formats';
import { mapAjvError, type MappedError } from './ajv-errors.js';
import { toAjvSchema } from './ajv-schema.js';
import { requiredAfterProperties } from './error-order.js';
import { validateListTypes } from './list-types.js';
import { isUnchanged } from './ratcheting.js';
import type { StructuralSchema } from './types.js';

// kube-openapi's strfmt registry, as far as ajv-formats covers it; Go-specific formats get a
// check of ours and the rest are accepted unchecked, as an unknown format is by kube.
const CHECKED_FORMATS = [
  'date',
  'date-time',
  'uri',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'uuid',
  'byte',
] as const;
const GO_DURATION = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$|^0$/;
const UNCHECKED_FORMATS = [
  'int32',
  'int64',
  'float',
  'double',
  'password',
  'quantity',
  'cidr',
  'mac',
];

type FormatsPlugin = (ajv: Ajv, formats: readonly string[]) => Ajv;
const plugin = formatsPlugin as unknown as FormatsPlugin & { default?: FormatsPlugin };
const addFormats: FormatsPlugin = plugin.default ?? plugin;

function createAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, verbose: true, logger: false });
  addFormats(ajv, CHECKED_FORMATS);
  ajv.addFormat('duration', GO_DURATION);
  for (const name of UNCHECKED_FORMATS) ajv.addFormat(name, true);
  return ajv;
}

const ajv = createAjv();
const compiled = new WeakMap<object, ValidateFunction>();

function compile(schema: StructuralSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (validate === undefined) {
    validate = ajv.compile(toAjvSchema(schema));
    compiled.set(schema, validate);
  }
  return validate;
}

/**
 * Schema errors for `object`, each marked blocking when kube would then skip CEL rules. On update
 * (`oldObject` given) errors in unchanged parts are ratcheted away, and list-type errors are only
 * reported when the old object had none, as kube's customResourceStrategy.ValidateUpdate does.
 */
export function validateSchema(
  schema: StructuralSchema,
  object: unknown,
  oldObject?: unknown,
): MappedError[] {
  const validate = compile(schema);
  const errors = validate(object) ? [] : requiredAfterProperties(validate.errors ?? []);
  const mapped = errors
    .map((e) => mapAjvError(e, object))
    .filter(
      (e) => oldObject === undefined || !isUnchanged(schema, object, oldObject, e.pointer ?? ''),
    );
  const oldListsValid =
    oldObject === undefined || validateListTypes(schema, oldObject).length === 0;
  const lists = oldListsValid ? validateListTypes(schema, object) : [];
  return [...mapped, ...lists.map((error) => ({ error, blocking: false }))];
}
