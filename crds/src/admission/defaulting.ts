// Structural defaulting, as k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting:
// a property's default fills it when it is absent (or a null that is not nullable) in an object
// that is present; a defaulted object is itself defaulted further. Nothing is created for an
// absent parent unless the parent has a default of its own. Afterwards, non-nullable nulls
// without a default are dropped (PruneNonNullableNullsWithoutDefaults).
import {
  additionalSchema,
  asSchema,
  isJsonObject,
  type JsonObject,
  type StructuralSchema,
} from './types.js';

/** Returns a defaulted copy of `object`. */
export function defaultObject(schema: unknown, object: unknown): unknown {
  const copy = structuredClone(object);
  const root = asSchema(schema);
  if (root === undefined) return copy;
  applyDefaults(copy, root);
  dropNonNullableNulls(copy, root);
  return copy;
}

function isNonNullableNull(value: unknown, schema: StructuralSchema | undefined): boolean {
  return value === null && schema !== undefined && schema.nullable !== true;
}

function applyDefaults(value: unknown, schema: StructuralSchema | undefined): void {
  if (schema === undefined) return;
  if (Array.isArray(value)) defaultItems(value, schema.items);
  else if (isJsonObject(value)) defaultFields(value, schema);
}

function defaultItems(items: unknown[], itemSchema: StructuralSchema | undefined): void {
  items.forEach((item, i) => {
    if (isNonNullableNull(item, itemSchema) && itemSchema?.default !== undefined) {
      items[i] = structuredClone(itemSchema.default);
    }
    applyDefaults(items[i], itemSchema);
  });
}

function defaultFields(object: JsonObject, schema: StructuralSchema): void {
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    if (prop.default === undefined) continue;
    if (!(key in object) || isNonNullableNull(object[key], prop)) {
      object[key] = structuredClone(prop.default);
    }
  }
  for (const key of Object.keys(object)) defaultField(object, key, schema);
}

// A map value that is a non-nullable null takes the value schema's default, like a list item.
function defaultField(object: JsonObject, key: string, schema: StructuralSchema): void {
  const prop = schema.properties?.[key];
  const valueSchema = prop === undefined ? additionalSchema(schema) : undefined;
  if (valueSchema !== undefined && isNonNullableNull(object[key], valueSchema)) {
    if (valueSchema.default !== undefined) object[key] = structuredClone(valueSchema.default);
  }
  applyDefaults(object[key], prop ?? valueSchema);
}

function dropNonNullableNulls(value: unknown, schema: StructuralSchema | undefined): void {
  if (schema === undefined) return;
  if (Array.isArray(value)) {
    value.forEach((item) => dropNonNullableNulls(item, schema.items));
  } else if (isJsonObject(value)) {
    for (const key of Object.keys(value)) dropField(value, key, schema);
  }
}

function dropField(object: JsonObject, key: string, schema: StructuralSchema): void {
  const prop = schema.properties?.[key];
  if (prop !== undefined && object[key] === null && prop.default === undefined && !prop.nullable) {
    delete object[key];
  } else {
    dropNonNullableNulls(object[key], prop ?? additionalSchema(schema));
  }
}
