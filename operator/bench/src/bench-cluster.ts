// The Kubernetes-API test server in this process, recording every resource request (who sent
// it, its verb and resource), with the Sluice CRDs, the awq-int4 profile, and a client of the
// bench's own (another bearer token, so the operator's requests can be told apart).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CustomObjectsApi, KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import { parse, parseAllDocuments } from 'yaml';
import { startKubeServer, type KubeServer } from '@sluice/kube-sim';

export const repoRoot = join(import.meta.dirname, '..', '..', '..');
/** The token of the kubeconfig the test server writes, which the operator uses. */
export const OPERATOR_USER = 'sluice-test-token';

export interface BenchCluster {
  readonly server: KubeServer;
  readonly kubeconfigPath: string;
  readonly custom: CustomObjectsApi;
}

export async function startBenchCluster(): Promise<BenchCluster> {
  const kubeconfigPath = join(mkdtempSync(join(tmpdir(), 'sluice-bench-operator-')), 'kubeconfig');
  const server = await startKubeServer({ kubeconfigPath, recordRequests: true });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'c', server: server.url, skipTLSVerify: true }],
    users: [{ name: 'bench', token: 'bench' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'bench' }],
    currentContext: 'x',
  });
  const custom = kubeConfig.makeApiClient(CustomObjectsApi);
  for (const plural of ['inferencemodels', 'quantizationprofiles', 'routingpolicies']) {
    const file = join(repoRoot, 'crds', `sluice.dev_${plural}.yaml`);
    const body = parse(readFileSync(file, 'utf8')) as object;
    await custom.createClusterCustomObject({
      group: 'apiextensions.k8s.io',
      version: 'v1',
      plural: 'customresourcedefinitions',
      body,
    });
  }
  const profiles = readFileSync(join(repoRoot, 'examples', 'quantization-profiles.yaml'), 'utf8');
  const awq = parseAllDocuments(profiles)
    .map((doc) => doc.toJS() as { metadata?: { name?: string } })
    .find((p) => p.metadata?.name === 'awq-int4');
  await KubernetesObjectApi.makeApiClient(kubeConfig).create({
    ...awq,
    metadata: { name: 'awq-int4', namespace: 'default' },
  });
  return { server, kubeconfigPath, custom };
}

/** The example model under `name`. */
export function benchModel(name: string): object {
  const file = join(repoRoot, 'examples', 'small-llama-8b-awq.yaml');
  const model = parse(readFileSync(file, 'utf8')) as object;
  return { ...model, metadata: { name, namespace: 'default' } };
}

/**
 * The example model's children on a cluster without KEDA or the Prometheus Operator: its
 * workload, and the model cache's claim and download Job (spec.vllm.modelCache).
 */
export const CHILD_KINDS = [
  ['apps', 'v1', 'deployments'],
  ['', 'v1', 'persistentvolumeclaims'],
  ['batch', 'v1', 'jobs'],
  ['', 'v1', 'services'],
  ['autoscaling', 'v2', 'horizontalpodautoscalers'],
  ['policy', 'v1', 'poddisruptionbudgets'],
] as const;

/** Children of every kind in `default`, read from the store (no request to count). */
export function childrenCreated(server: KubeServer): number {
  return CHILD_KINDS.reduce((sum, [group, version, plural]) => {
    const type = server.registry.find(group, version, plural);
    return sum + (type ? server.store.list(type, 'default').length : 0);
  }, 0);
}
