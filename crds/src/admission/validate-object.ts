// Schema errors (OpenAPI, then list types) followed by CEL rule errors, as kube-apiserver's
// customResourceStrategy.Validate orders them; on update (oldObject given) errors in unchanged
// parts are ratcheted away and transition rules (oldSelf) run.
import { hasRules, validateCel } from './cel-validation.js';
import { validateSchema } from './schema-validation.js';
import { asSchema, type FieldError, type ValidationInput } from './types.js';

// kube's hasBlockingErr: rules are not evaluated on an object with type, required, enum or size
// errors, and this one error says so instead.
const RULES_SKIPPED: FieldError = {
  field: '',
  type: 'Invalid',
  value: null,
  message:
    'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
};

/** Schema errors (OpenAPI, then list types) followed by CEL rule errors. */
export function validateObject(input: ValidationInput): FieldError[] {
  const schema = asSchema(input.schema);
  if (schema === undefined) return [];
  const schemaErrors = validateSchema(schema, input.object, input.oldObject);
  const errors = schemaErrors.map((e) => e.error);
  if (!hasRules(schema)) return errors;
  if (schemaErrors.some((e) => e.blocking)) return [...errors, RULES_SKIPPED];
  return [...errors, ...validateCel(schema, input.object, input.oldObject)];
}
