// Installs the sluice.dev CRDs (crds/*.yaml, the source of truth) into a test server, which the
// operator's informers need before it is ready. Created through CustomObjectsApi, because
// client-node's KubernetesObjectApi drops the x-kubernetes-* keys of a CRD.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { parse } from 'yaml';

export const repoRoot = join(import.meta.dirname, '..', '..', '..');

export async function installSluiceCrds(kubeConfig: KubeConfig): Promise<void> {
  const custom = kubeConfig.makeApiClient(CustomObjectsApi);
  for (const plural of ['inferencemodels', 'quantizationprofiles', 'routingpolicies']) {
    const file = join(repoRoot, 'crds', `sluice.dev_${plural}.yaml`);
    await custom.createClusterCustomObject({
      group: 'apiextensions.k8s.io',
      version: 'v1',
      plural: 'customresourcedefinitions',
      body: parse(readFileSync(file, 'utf8')) as object,
    });
  }
}
