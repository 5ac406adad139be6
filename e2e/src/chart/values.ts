// What `helm install -f override.yaml` does with values before any template runs: the override is
// coalesced into the chart's values.yaml, and the result is validated against values.schema.json
// (JSON Schema draft-07). Without a helm binary, tests call these to check the chart's values.
// https://helm.sh/docs/chart_template_guide/values_files/
// https://helm.sh/docs/topics/charts/#schema-files
import { Ajv, type ErrorObject } from 'ajv';

export type Values = Record<string, unknown>;

const isMap = (value: unknown): value is Values =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Helm's coalescing: maps merge key by key, anything else (lists included) is replaced by the
 * override, and an override of null deletes the key.
 */
export function coalesceValues(base: Values, override: Values): Values {
  const result: Values = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = result[key];
    if (value === null) delete result[key];
    else if (isMap(current) && isMap(value)) result[key] = coalesceValues(current, value);
    else result[key] = value;
  }
  return result;
}

/** One finding per schema error, as "<field path>: <message>" (the path dotted, like Helm's). */
export function describeSchemaError(error: ErrorObject): string {
  const path = error.instancePath.split('/').slice(1).join('.');
  const extra = error.params as { additionalProperty?: string; missingProperty?: string };
  const field = extra.additionalProperty ?? extra.missingProperty;
  const at = [path, field].filter(Boolean).join('.') || '(root)';
  return `${at}: ${error.message ?? error.keyword}`;
}

/** Validates values against a chart schema; returns every finding, none when they are valid. */
export function validateValues(schema: object, values: Values): string[] {
  // strict: the schema itself must not use unknown keywords, so typos in it are caught too.
  const ajv = new Ajv({ allErrors: true, strict: true });
  const validate = ajv.compile(schema);
  if (validate(values)) return [];
  return [...new Set((validate.errors ?? []).map(describeSchemaError))];
}
