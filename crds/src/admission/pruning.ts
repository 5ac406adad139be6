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

/**
 * Returns a pruned copy; the resource root is treated as an embedded resource, as in kube.
 * `dropped` collects the path of each field pruned (`spec.vllm.batching.maxNumSeq`, list items
 * as `[0]`), which fieldValidation Strict refuses and Warn reports.
 */
export function pruneUnknownFields(schema: unknown, object: unknown, dropped?: string[]): unknown {
  const root = asSchema(schema) ?? {};
  return prune(object, { ...root, 'x-kubernetes-embedded-resource': true }, { dropped, path: '' });
}

interface Walk {
  dropped: string[] | undefined;
  path: string;
}

const child = (walk: Walk, segment: string): Walk => ({
  dropped: walk.dropped,
  path:
    segment.startsWith('[') || walk.path === ''
      ? `${walk.path}${segment}`
      : `${walk.path}.${segment}`,
});

function prune(value: unknown, schema: StructuralSchema | undefined, walk: Walk): unknown {
  if (Array.isArray(value))
    return value.map((item, i) => prune(item, schema?.items, child(walk, `[${i}]`)));
  if (!isJsonObject(value)) return value;
  if (schema === undefined) {
    for (const key of Object.keys(value)) walk.dropped?.push(child(walk, key).path);
    return {};
  }
  return pruneObject(value, schema, walk);
}

function pruneObject(value: JsonObject, schema: StructuralSchema, walk: Walk): JsonObject {
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const out: JsonObject = {};
  for (const [key, value_] of Object.entries(value)) {
    const at = child(walk, key);
    if (isKeptMetaField(schema, key, value_)) out[key] = structuredClone(value_);
    else if (schema.properties?.[key] !== undefined)
      out[key] = prune(value_, schema.properties[key], at);
    else if (additionalSchema(schema) !== undefined)
      out[key] = prune(value_, additionalSchema(schema), at);
    else if (preserve || schema.additionalProperties === true) out[key] = keepUnknown(value_);
    else walk.dropped?.push(at.path);
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
