// Legacy discovery documents (/version, /api, /apis, APIResourceLists). kubectl asks for the
// aggregated apidiscovery.k8s.io/v2 form first but falls back to these when answered plain JSON.
import type { Registry } from './registry.js';
import type { Json, ResourceType } from './types.js';
import { apiVersionOf } from './types.js';

const verbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const serverAddress = [{ clientCIDR: '0.0.0.0/0', serverAddress: '' }];

export const versionInfo = (): Json => ({
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-sluice-test',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23.0',
  compiler: 'gc',
  platform: 'linux/amd64',
});

export const apiVersions = (): Json => ({
  kind: 'APIVersions',
  versions: ['v1'],
  serverAddressByClientCIDRs: serverAddress,
});

export const apiGroupList = (registry: Registry): Json => {
  const groups = new Map<string, string[]>();
  for (const { group, version } of registry.groupVersions()) {
    if (group === '') continue;
    groups.set(group, [...(groups.get(group) ?? []), version]);
  }
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...groups.entries()].map(([name, versions]) => {
      const gvs = versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v }));
      return { name, versions: gvs, preferredVersion: gvs[0] };
    }),
  };
};

const resourceEntries = (t: ResourceType): Json[] => {
  const main: Json = {
    name: t.plural,
    singularName: t.singular,
    namespaced: t.namespaced,
    kind: t.kind,
    verbs,
    ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
    ...(t.categories.length ? { categories: t.categories } : {}),
  };
  const status: Json = {
    name: `${t.plural}/status`,
    singularName: '',
    namespaced: t.namespaced,
    kind: t.kind,
    verbs: ['get', 'patch', 'update'],
  };
  return t.hasStatus ? [main, status] : [main];
};

/** Undefined when the group-version is not served (the caller answers 404). */
export const apiResourceList = (
  registry: Registry,
  group: string,
  version: string,
): Json | undefined => {
  const types = registry.servedAt(group, version);
  if (types.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: apiVersionOf({ group, version }),
    resources: types.flatMap(resourceEntries),
  };
};
