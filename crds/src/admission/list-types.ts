// x-kubernetes-list-type invariants, as apiextensions-apiserver's schema/listtype: a `set` may not
// repeat an item and a `map` may not repeat a key tuple. Each repeat is a Duplicate value error at
// the repeating index; for maps the value is the key tuple, printed as JSON (`{"name":"a"}`).
import { goJson } from './go-format.js';
import { childPath, indexPath } from './paths.js';
import { additionalSchema, isJsonObject, type FieldError, type StructuralSchema } from './types.js';

export function validateListTypes(
  schema: StructuralSchema | undefined,
  value: unknown,
  path = '',
): FieldError[] {
  if (schema === undefined) return [];
  if (Array.isArray(value))
    return [...listErrors(schema, value, path), ...itemErrors(schema, value, path)];
  if (!isJsonObject(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const sub = schema.properties?.[key] ?? additionalSchema(schema);
    return validateListTypes(sub, child, childPath(path, key));
  });
}

function itemErrors(schema: StructuralSchema, items: unknown[], path: string): FieldError[] {
  return items.flatMap((item, i) => validateListTypes(schema.items, item, indexPath(path, i)));
}

function listErrors(schema: StructuralSchema, items: unknown[], path: string): FieldError[] {
  const listType = schema['x-kubernetes-list-type'];
  if (listType === 'set') return duplicates(items, path, (item) => item);
  if (listType !== 'map') return [];
  const notObject = items.findIndex((item) => item !== null && !isJsonObject(item));
  if (notObject >= 0) {
    const field = indexPath(path, notObject);
    const message = 'must be an object for an array of list-type map';
    return [{ field, type: 'Invalid', value: items[notObject], message }];
  }
  const keys = schema['x-kubernetes-list-map-keys'] ?? [];
  return duplicates(items, path, (item) => mapKey(item, keys, schema.items));
}

// A missing key counts as its default, as in kube; a still-missing key is left out of the tuple.
function mapKey(item: unknown, keys: string[], itemSchema: StructuralSchema | undefined): unknown {
  const object = isJsonObject(item) ? item : {};
  const tuple: Record<string, unknown> = {};
  for (const key of keys) {
    const value = object[key] ?? itemSchema?.properties?.[key]?.default;
    if (value !== undefined) tuple[key] = value;
  }
  return tuple;
}

function duplicates(
  items: unknown[],
  path: string,
  keyOf: (item: unknown) => unknown,
): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  items.forEach((item, i) => {
    const key = keyOf(item);
    const id = goJson(key);
    if (seen.has(id))
      errors.push({ field: indexPath(path, i), type: 'Duplicate', value: key, message: '' });
    seen.add(id);
  });
  return errors;
}
