// The query parameters of a write that change what the server does with it, as kube-apiserver
// reads them: fieldValidation (what to do with fields the schema does not know: Strict refuses
// the write, Warn, the default, answers with a Warning header per field, Ignore drops them
// silently) and dryRun=All (everything but storing the result).
// https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation
import { badRequest, type ApiError } from './errors.js';
import type { ResourceType } from './types.js';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface WriteOptions {
  readonly fieldValidation: FieldValidation;
  readonly dryRun: boolean;
  /** Filled by the store with the warnings to send back (Warn). */
  readonly warnings: string[];
}

export const defaultWriteOptions = (): WriteOptions => ({
  fieldValidation: 'Warn',
  dryRun: false,
  warnings: [],
});

const DIRECTIVES: readonly FieldValidation[] = ['Strict', 'Warn', 'Ignore'];

/** From a request's query; a value the real server refuses is refused here the same way. */
export function writeOptionsOf(query: URLSearchParams): WriteOptions {
  const validation = query.get('fieldValidation') ?? 'Warn';
  if (!DIRECTIVES.includes(validation as FieldValidation)) {
    throw badRequest(
      `fieldValidation: Unsupported value: "${validation}": supported values: "Ignore", "Strict", "Warn"`,
    );
  }
  const dryRuns = query.getAll('dryRun');
  const unsupported = dryRuns.find((d) => d !== 'All');
  if (unsupported !== undefined) {
    throw badRequest(`dryRun: Unsupported value: "${unsupported}": supported values: "All"`);
  }
  return {
    fieldValidation: validation as FieldValidation,
    dryRun: dryRuns.length > 0,
    warnings: [],
  };
}

/** What Strict answers for unknown fields: a 400, as the decoder reports them. */
export function strictDecodingError(t: ResourceType, fields: readonly string[]): ApiError {
  const unknown = fields.map((f) => `unknown field "${f}"`).join(', ');
  return badRequest(
    `${t.kind} in version "${t.version}" cannot be handled as a ${t.kind}: strict decoding error: ${unknown}`,
  );
}

/** Applies fieldValidation to the fields a write would drop. */
export function checkUnknownFields(
  t: ResourceType,
  fields: readonly string[],
  options: WriteOptions,
): void {
  if (fields.length === 0 || options.fieldValidation === 'Ignore') return;
  if (options.fieldValidation === 'Strict') throw strictDecodingError(t, fields);
  options.warnings.push(...fields.map((f) => `unknown field "${f}"`));
}

/** The Warning response header values (RFC 7234 warn-code 299, as kube-apiserver sends). */
export const warningHeaders = (warnings: readonly string[]): string[] =>
  warnings.map((w) => `299 - ${JSON.stringify(w)}`);
