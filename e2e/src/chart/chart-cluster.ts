// Drives a Kubernetes-API test server the way a cluster with the chart installed is used, so the
// chart's RBAC can be checked against what the operator and the API really send: the chart's CRDs
// installed, the examples applied, children edited behind the operator's back.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ApiException,
  CustomObjectsApi,
  KubernetesObjectApi,
  PatchStrategy,
  type KubeConfig,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { parse, parseAllDocuments } from 'yaml';
import { CHART_DIR } from './chart-files.js';

const CRDS = { group: 'apiextensions.k8s.io', version: 'v1', plural: 'customresourcedefinitions' };

export async function eventually(
  check: () => boolean | Promise<boolean>,
  ms: number,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `helm install` creates crds/ first. CustomObjectsApi keeps the x-kubernetes-* keys. */
export async function installChartCrds(kubeConfig: KubeConfig, extra: object[]): Promise<void> {
  const custom = kubeConfig.makeApiClient(CustomObjectsApi);
  const dir = join(CHART_DIR, 'crds');
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  const crds = files.map((f) => parse(readFileSync(join(dir, f), 'utf8')) as object);
  for (const body of [...crds, ...extra]) await custom.createClusterCustomObject({ ...CRDS, body });
}

/** Every object of examples/*.yaml in one namespace, as `kubectl apply -f examples/` makes them. */
export function exampleObjects(examplesDir: string, namespace: string): KubernetesObject[] {
  const files = readdirSync(examplesDir).filter((f) => f.endsWith('.yaml'));
  return files.sort().flatMap((file) =>
    parseAllDocuments(readFileSync(join(examplesDir, file), 'utf8'))
      .map((doc) => doc.toJS() as KubernetesObject)
      .filter((o) => o?.kind)
      .map((o) => ({ ...o, metadata: { ...o.metadata, namespace } })),
  );
}

export const ref = (apiVersion: string, kind: string, name: string, namespace: string) => ({
  apiVersion,
  kind,
  metadata: { name, namespace },
});

type Named = KubernetesObject & { metadata: { name: string } };

export class Objects {
  private readonly api: KubernetesObjectApi;
  constructor(kubeConfig: KubeConfig) {
    this.api = KubernetesObjectApi.makeApiClient(kubeConfig);
  }

  create = (object: KubernetesObject) => this.api.create(object);

  list = (apiVersion: string, kind: string, namespace: string) =>
    this.api.list(apiVersion, kind, namespace);

  async read(object: Named): Promise<KubernetesObject | undefined> {
    try {
      return await this.api.read(object);
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) return undefined;
      throw error;
    }
  }

  mergePatch = (object: Named, body: object) =>
    this.api.patch(
      { ...object, ...body },
      undefined,
      undefined,
      undefined,
      undefined,
      PatchStrategy.MergePatch,
    );
}
