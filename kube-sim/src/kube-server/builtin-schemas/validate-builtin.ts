// A write of a built-in kind, checked as the oldest and the newest supported API server would
// take it: a value of the wrong type fails decoding (400), fields neither version knows are
// unknown (fieldValidation Strict refuses them, Warn reports them), a field either version knows
// as required but absent fails validation (422). Go-coded rules (name formats, enums, immutable
// fields) are not in the documents: docs/conformance.md.
import { pruneUnknownFields, type FieldError } from '@sluice/crds/admission';
import { decodeCheck } from './decode-check.js';
import { schemasFor, type GroupVersionKind } from './kind-schemas.js';

export interface BuiltinResult {
  /** The object as stored: fields unknown to every checked version pruned. */
  object: unknown;
  /** kube-apiserver's 400 message when a value has the wrong JSON type. */
  decodeError?: string;
  errors: FieldError[];
  /** Paths of fields some checked version does not know. */
  unknownFields: string[];
}

export function validateBuiltin(gvk: GroupVersionKind, object: unknown): BuiltinResult {
  const checks = schemasFor(gvk);
  if (checks.length === 0) return { object, errors: [], unknownFields: [] };
  const unknown = new Set<string>();
  const errors = new Map<string, FieldError>();
  for (const { schema } of checks) {
    const check = decodeCheck(schema, object);
    if (check.typeError !== undefined) {
      const decodeError = `${gvk.kind} in version "${gvk.version}" cannot be handled as a ${gvk.kind}: ${check.typeError}`;
      return { object, decodeError, errors: [], unknownFields: [] };
    }
    const dropped: string[] = [];
    pruneUnknownFields(schema, object, dropped);
    for (const path of dropped) unknown.add(path);
    for (const e of check.required) errors.set(`${e.field}\u0000${e.type}`, e);
  }
  const newest = checks[checks.length - 1]!.schema;
  return {
    object: unknown.size === 0 ? object : pruneUnknownFields(newest, object),
    errors: [...errors.values()],
    unknownFields: [...unknown].sort(),
  };
}
