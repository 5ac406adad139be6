// Finds a built-in kind's schema in a vendored document by the x-kubernetes-group-version-kind
// tag kube-openapi puts on every top-level type, and inlines it once per (version, kind).
import type { StructuralSchema } from '@sluice/crds/admission';
import {
  KUBERNETES_VERSIONS,
  openApiSchemas,
  type KubernetesVersion,
  type OpenApiSchemas,
} from './openapi-documents.js';
import { structuralSchema } from './to-structural.js';

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

const cache = new Map<string, StructuralSchema | undefined>();

/** The kind's inlined schema in one Kubernetes version; undefined when that version lacks it. */
export function kindSchema(
  version: KubernetesVersion,
  gvk: GroupVersionKind,
): StructuralSchema | undefined {
  const key = `${version}/${gvk.group}/${gvk.version}/${gvk.kind}`;
  if (!cache.has(key)) cache.set(key, build(version, gvk));
  return cache.get(key);
}

/** The (version, schema) pairs a write of this kind is checked against; empty if none vendored. */
export function schemasFor(
  gvk: GroupVersionKind,
): { version: KubernetesVersion; schema: StructuralSchema }[] {
  return KUBERNETES_VERSIONS.flatMap((version) => {
    const schema = kindSchema(version, gvk);
    return schema ? [{ version, schema }] : [];
  });
}

function build(version: KubernetesVersion, gvk: GroupVersionKind): StructuralSchema | undefined {
  const gv = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
  const schemas = openApiSchemas(version, gv);
  if (!schemas) return undefined;
  const name = schemaName(schemas, gvk);
  return name === undefined ? undefined : structuralSchema(schemas, name);
}

function schemaName(schemas: OpenApiSchemas, gvk: GroupVersionKind): string | undefined {
  return Object.keys(schemas).find((name) => {
    const tags = schemas[name]?.['x-kubernetes-group-version-kind'];
    return (
      Array.isArray(tags) &&
      tags.some((t: Record<string, unknown>) => {
        return t.group === gvk.group && t.version === gvk.version && t.kind === gvk.kind;
      })
    );
  });
}
