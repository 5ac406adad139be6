// Turns FieldErrors into kube-apiserver text. Follows k8s.io/apimachinery field.Error.ErrorBody
// (`<Type text>[: <bad value>][: <detail>]`), ErrorList.ToAggregate (duplicates dropped, `[a, b]`
// for several) and apierrors.NewInvalid (`<Kind>.<group> "<name>" is invalid: <aggregate>`).
import { goBadValue } from './go-format.js';
import type { FieldError, FieldErrorType } from './types.js';

const TYPE_TEXT: Record<FieldErrorType, string> = {
  Invalid: 'Invalid value',
  Required: 'Required value',
  Duplicate: 'Duplicate value',
  'Unsupported value': 'Unsupported value',
  Forbidden: 'Forbidden',
  'Too long': 'Too long',
  'Too many': 'Too many',
};

const CAUSE_TYPE: Record<FieldErrorType, string> = {
  Invalid: 'FieldValueInvalid',
  Required: 'FieldValueRequired',
  Duplicate: 'FieldValueDuplicate',
  'Unsupported value': 'FieldValueNotSupported',
  Forbidden: 'FieldValueForbidden',
  'Too long': 'FieldValueTooLong',
  'Too many': 'FieldValueTooMany',
};

// ErrorBody never prints the value of these types, whatever BadValue holds.
const VALUE_HIDDEN: ReadonlySet<FieldErrorType> = new Set(['Required', 'Forbidden', 'Too long']);

/** The message without the field, as in a Status cause. */
export function errorBody(error: FieldError): string {
  let body = TYPE_TEXT[error.type];
  if (!VALUE_HIDDEN.has(error.type) && 'value' in error) body += `: ${goBadValue(error.value)}`;
  if (error.message.length > 0) body += `: ${error.message}`;
  return body;
}

/** `field: body`; an empty field is a nil field.Path, which Go prints as `<nil>`. */
export function formatFieldError(error: FieldError): string {
  return `${error.field === '' ? '<nil>' : error.field}: ${errorBody(error)}`;
}

/** The aggregate of an error list, as ErrorList.ToAggregate().Error(). */
export function aggregateMessage(errors: readonly FieldError[]): string {
  const messages = [...new Set(errors.map(formatFieldError))];
  return messages.length === 1 ? (messages[0] ?? '') : `[${messages.join(', ')}]`;
}

/** The Status message of a 422 Invalid response, as apierrors.NewInvalid builds it. */
export function formatInvalid(
  kind: string,
  group: string,
  name: string,
  errors: FieldError[],
): string {
  const qualifiedKind = group === '' ? kind : `${kind}.${group}`;
  const head = `${qualifiedKind} ${JSON.stringify(name)} is invalid`;
  return errors.length === 0 ? head : `${head}: ${aggregateMessage(errors)}`;
}

export interface StatusCause {
  reason: string;
  message: string;
  field: string;
}

/** The details.causes of the Invalid Status, one per error (NewInvalid does not dedupe them). */
export function statusCauses(errors: readonly FieldError[]): StatusCause[] {
  return errors.map((e) => ({ reason: CAUSE_TYPE[e.type], message: errorBody(e), field: e.field }));
}
