// The vendored Kubernetes OpenAPI v3 documents (kube-sim/vendor/kubernetes/<version>/), read once
// per process. Built-in kinds are validated against the oldest and the newest Kubernetes version
// Sluice supports, so an object that a 1.27 or a 1.33 API server would refuse is refused here.
import { readFileSync } from 'node:fs';

/** The supported range's ends; refresh: kube-sim/vendor/refresh-kubernetes.mjs (docs/conformance.md). */
export const KUBERNETES_VERSIONS = ['1.27', '1.33'] as const;
export type KubernetesVersion = (typeof KUBERNETES_VERSIONS)[number];

export type OpenApiSchemas = Record<string, Record<string, unknown>>;

const VENDOR = new URL('../../../vendor/kubernetes/', import.meta.url);
const cache = new Map<string, OpenApiSchemas | undefined>();

/** components.schemas of one group-version ('v1', 'apps/v1'), or undefined if not vendored. */
export function openApiSchemas(
  version: KubernetesVersion,
  groupVersion: string,
): OpenApiSchemas | undefined {
  const key = `${version}/${groupVersion}`;
  if (!cache.has(key)) cache.set(key, read(version, groupVersion));
  return cache.get(key);
}

function read(version: string, groupVersion: string): OpenApiSchemas | undefined {
  const file = new URL(`${version}/${groupVersion.replaceAll('/', '__')}.json`, VENDOR);
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as {
      components?: { schemas?: OpenApiSchemas };
    };
    return doc.components?.schemas;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
