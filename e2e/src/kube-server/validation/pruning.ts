// Structural pruning, as k8s.io/apiextensions-apiserver/pkg/apiserver/schema/pruning does on
// every write: fields the schema does not specify are dropped, unless a node sets
// x-kubernetes-preserve-unknown-fields. The resource root and embedded resources keep
// apiVersion, kind and metadata (ObjectMeta is handled by the server, not by the schema).
import {
  additionalSchema,
  asSchema,
  isJsonObject,
  type JsonObject,
  type StructuralSchema,
} from './types.js';

const META_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

/** Returns a pruned copy; the resource root is treated as an embedded resource, as in kube. */
export function pruneUnknownFields(schema: unknown, object: unknown): unknown {
  const root = asSchema(schema) ?? {};
  return prune(object, { ...root, 'x-kubernetes-embedded-resource': true });
}

function prune(value: unknown, schema: StructuralSchema | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => prune(item, schema?.items));
  if (!isJsonObject(value)) return value;
  if (schema === undefined) return {};
  return pruneObject(value, schema);
}

function pruneObject(value: JsonObject, schema: StructuralSchema): JsonObject {
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (isKeptMetaField(schema, key, child)) out[key] = structuredClone(child);
    else if (schema.properties?.[key] !== undefined)
      out[key] = prune(child, schema.properties[key]);
    else if (additionalSchema(schema) !== undefined)
      out[key] = prune(child, additionalSchema(schema));
    else if (preserve || schema.additionalProperties === true) out[key] = keepUnknown(child);
  }
  return out;
}

function isKeptMetaField(schema: StructuralSchema, key: string, child: unknown): boolean {
  if (schema['x-kubernetes-embedded-resource'] !== true || !META_FIELDS.has(key)) return false;
  return key === 'metadata' ? isJsonObject(child) : typeof child === 'string';
}

// Below a preserve-unknown-fields node without a schema, everything is kept as is.
function keepUnknown(value: unknown): unknown {
  return structuredClone(value);
}
