// Runs x-kubernetes-validations over an object, walking schema and value together as
// apiextensions-apiserver's cel.Validator does: a node's rules first (self = the node), then its
// properties, map values and list items. Nulls are not validated. oldSelf follows the same path
// in the old object (map-type list items are matched by their keys); a transition rule (one that
// uses oldSelf) runs only when there is such an old value, so it is skipped on create.
import { evaluateRules, type CelNode as Node } from './cel-evaluate.js';
import { childPath, indexPath, keyPath } from './paths.js';
import { correlatedItem } from './ratcheting.js';
import { additionalSchema, isJsonObject, type FieldError, type StructuralSchema } from './types.js';

export function validateCel(
  schema: StructuralSchema,
  object: unknown,
  oldObject?: unknown,
): FieldError[] {
  return walk({ schema, value: object, old: oldObject ?? undefined, path: '' });
}

/** Whether any node of the schema has rules; kube builds no CEL validator otherwise. */
export function hasRules(schema: StructuralSchema | undefined): boolean {
  if (schema === undefined) return false;
  if ((schema['x-kubernetes-validations'] ?? []).length > 0) return true;
  const children = [
    schema.items,
    additionalSchema(schema),
    ...Object.values(schema.properties ?? {}),
  ];
  return children.some(hasRules);
}

function walk(node: Node): FieldError[] {
  if (node.value === null || node.value === undefined) return [];
  const errors = evaluateRules(node);
  if (Array.isArray(node.value)) errors.push(...walkItems(node, node.value));
  else if (isJsonObject(node.value)) errors.push(...walkFields(node, node.value));
  return errors;
}

function walkFields(node: Node, value: Record<string, unknown>): FieldError[] {
  const old = isJsonObject(node.old) ? node.old : undefined;
  return Object.entries(value).flatMap(([key, child]) => {
    const prop = node.schema.properties?.[key];
    const values = additionalSchema(node.schema);
    if (prop !== undefined)
      return walk({ schema: prop, value: child, old: old?.[key], path: childPath(node.path, key) });
    if (values !== undefined)
      return walk({ schema: values, value: child, old: old?.[key], path: keyPath(node.path, key) });
    return [];
  });
}

function walkItems(node: Node, items: unknown[]): FieldError[] {
  const itemSchema = node.schema.items;
  if (itemSchema === undefined) return [];
  return items.flatMap((item, i) =>
    walk({
      schema: itemSchema,
      value: item,
      old: correlatedItem(node.schema, node.old, item),
      path: indexPath(node.path, i),
    }),
  );
}
