// The fieldPath of an x-kubernetes-validations rule, normalized as kube's ValidFieldPath does:
// `.minReplicas` -> `minReplicas`, `.labels['a.b']` -> `labels[a.b]` (map keys in brackets,
// properties with dots), then appended to the rule's own path as a child.
import { additionalSchema, type StructuralSchema } from './types.js';

const TOKEN = /\.([^.[\]]+)|\['((?:[^'\\]|\\.)*)'\]/y;

/** Normalizes `fieldPath` relative to `schema`; undefined when it does not parse. */
export function normalizeFieldPath(
  fieldPath: string,
  schema: StructuralSchema,
): string | undefined {
  let out = '';
  let node: StructuralSchema | undefined = schema;
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < fieldPath.length) {
    const match = TOKEN.exec(fieldPath);
    if (match === null || node === undefined) return undefined;
    const name = match[1] ?? (match[2] ?? '').replace(/\\(.)/g, '$1');
    if (node.properties !== undefined) {
      out = out === '' ? name : `${out}.${name}`;
      node = node.properties[name];
    } else {
      out = `${out}[${name}]`;
      node = additionalSchema(node);
    }
  }
  return out;
}
