// Turns one kind's schema in a Kubernetes OpenAPI v3 document into the structural-schema form the
// custom-resource pipeline (../validation/) already validates and prunes with: $refs inlined,
// and the few spots where Go decoding is looser or stricter than the document says made explicit.
// What the API server checks in Go code (name formats, immutable fields, cross-field rules) is not
// in the documents and not checked here: docs/conformance.md lists it.
import type { StructuralSchema } from '@sluice/crds/admission';
import type { OpenApiSchemas } from './openapi-documents.js';

type Node = Record<string, unknown>;

const REF_PREFIX = '#/components/schemas/';
/** Either a JSON number or a string, as Go's Quantity decoder takes both (`cpu: 0.5`). */
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
/** Kept: the rest (descriptions, patch strategies, list types) validates nothing the Go decoder does. */
const COPIED = ['type', 'format', 'enum', 'required', 'minimum', 'maximum'] as const;

/** The kind's schema (e.g. `io.k8s.api.apps.v1.Deployment`) fully inlined; undefined if absent. */
export function structuralSchema(
  schemas: OpenApiSchemas,
  name: string,
): StructuralSchema | undefined {
  if (!schemas[name]) return undefined;
  return resolveRef(schemas, name, []);
}

function resolveRef(schemas: OpenApiSchemas, name: string, stack: string[]): StructuralSchema {
  // Recursive types (JSONSchemaProps) are cut at the second visit and accepted as they are.
  if (stack.includes(name) || name === QUANTITY) return anything();
  const node = schemas[name];
  if (!node) return anything();
  return { ...convert(schemas, node, [...stack, name]), [GO_TYPE]: goTypeName(name) };
}

/** Where the Go type's name is kept, for decoding errors (`v1.PodSpec`). */
export const GO_TYPE = 'x-sluice-go-type';

/** `io.k8s.api.core.v1.ContainerPort` -> `v1.ContainerPort`, as Go prints a named type. */
const goTypeName = (name: string): string => name.split('.').slice(-2).join('.');

const anything = (): StructuralSchema => ({ 'x-kubernetes-preserve-unknown-fields': true });

function refOf(node: Node): string | undefined {
  const direct = node.$ref;
  if (typeof direct === 'string') return direct;
  const allOf = node.allOf;
  // kube-openapi wraps a defaulted or described $ref in allOf: [{$ref}].
  if (Array.isArray(allOf) && allOf.length === 1) return refOf(allOf[0] as Node);
  return undefined;
}

function convert(schemas: OpenApiSchemas, node: Node, stack: string[]): StructuralSchema {
  const ref = refOf(node);
  if (ref !== undefined) return resolveRef(schemas, ref.slice(REF_PREFIX.length), stack);
  if (node.format === 'int-or-string') return { 'x-kubernetes-int-or-string': true };
  const out: StructuralSchema = {};
  for (const k of COPIED) if (node[k] !== undefined) (out as Node)[k] = node[k];
  if (node.type === 'object') return convertObject(schemas, node, out, stack);
  if (node.type === 'array' && isNode(node.items)) {
    out.items = convert(schemas, node.items, stack);
  }
  if (node.type === undefined && out.enum === undefined) return anything();
  return out;
}

function convertObject(
  schemas: OpenApiSchemas,
  node: Node,
  out: StructuralSchema,
  stack: string[],
): StructuralSchema {
  const properties = isNode(node.properties) ? node.properties : undefined;
  const additional = node.additionalProperties;
  // RawExtension, FieldsV1: an object of any shape.
  if (!properties && additional === undefined) return { ...out, ...anything() };
  if (properties) {
    out.properties = {};
    for (const [key, value] of Object.entries(properties)) {
      out.properties[key] = convert(schemas, value as Node, stack);
    }
  }
  if (isNode(additional)) out.additionalProperties = convert(schemas, additional, stack);
  return out;
}

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
