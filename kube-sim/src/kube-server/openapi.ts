// OpenAPI v3 for kubectl's client-side schema work: a root listing every group-version and one
// document per group-version whose components.schemas are named like the real server's
// (`dev.sluice.v1alpha1.InferenceModel`, reversed group) with x-kubernetes-group-version-kind.
// CRDs contribute their openAPIV3Schema; built-ins get a permissive object schema.
import { createHash } from 'node:crypto';
import type { Registry } from './registry.js';
import type { Json, ResourceType } from './types.js';

const gvPath = (group: string, version: string): string =>
  group === '' ? `api/${version}` : `apis/${group}/${version}`;

const schemaName = (t: ResourceType): string => {
  if (t.group === '') return `io.k8s.api.core.${t.version}.${t.kind}`;
  const reversed = t.group.split('.').reverse().join('.');
  return t.crd
    ? `${reversed}.${t.version}.${t.kind}`
    : `io.k8s.api.${t.group.split('.')[0]}.${t.version}.${t.kind}`;
};

const gvk = (t: ResourceType): Json[] => [{ group: t.group, version: t.version, kind: t.kind }];

const permissive: Json = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

const schemaOf = (t: ResourceType): Json => ({
  ...(t.schema ?? permissive),
  'x-kubernetes-group-version-kind': gvk(t),
});

const itemPath = (t: ResourceType): string => {
  const base = t.group === '' ? `/api/${t.version}` : `/apis/${t.group}/${t.version}`;
  return `${base}/${t.namespaced ? 'namespaces/{namespace}/' : ''}${t.plural}/{name}`;
};

/**
 * kubectl's QueryParamVerifierV3 looks for a PATCH operation tagged with the kind's GVK that
 * lists a `fieldValidation` query parameter; finding it, kubectl leaves validation to the server
 * (which accepts the parameter and ignores it) instead of falling back to /openapi/v2.
 */
const patchOperation = (t: ResourceType): Json => ({
  patch: {
    'x-kubernetes-group-version-kind': { group: t.group, version: t.version, kind: t.kind },
    parameters: [
      { name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } },
      { name: 'fieldManager', in: 'query', schema: { type: 'string', uniqueItems: true } },
    ],
    responses: { '200': { description: 'OK' } },
  },
});

export const openApiDocument = (
  registry: Registry,
  group: string,
  version: string,
): Json | undefined => {
  const types = registry.servedAt(group, version);
  if (types.length === 0) return undefined;
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.0-sluice-test' },
    paths: Object.fromEntries(types.map((t) => [itemPath(t), patchOperation(t)])),
    components: { schemas: Object.fromEntries(types.map((t) => [schemaName(t), schemaOf(t)])) },
  };
};

export const openApiRoot = (registry: Registry): Json => {
  const paths: Record<string, Json> = {};
  for (const { group, version } of registry.groupVersions()) {
    const doc = JSON.stringify(openApiDocument(registry, group, version));
    const hash = createHash('sha512').update(doc).digest('hex').slice(0, 128).toUpperCase();
    paths[gvPath(group, version)] = {
      serverRelativeURL: `/openapi/v3/${gvPath(group, version)}?hash=${hash}`,
    };
  }
  return { paths };
};

/** `/openapi/v3/apis/<g>/<v>` or `/openapi/v3/api/v1` -> group and version. */
export const parseOpenApiPath = (
  pathname: string,
): { group: string; version: string } | undefined => {
  const m = /^\/openapi\/v3\/(?:api\/([^/]+)|apis\/([^/]+)\/([^/]+))$/.exec(pathname);
  if (!m) return undefined;
  return m[1] ? { group: '', version: m[1] } : { group: m[2] ?? '', version: m[3] ?? '' };
};
