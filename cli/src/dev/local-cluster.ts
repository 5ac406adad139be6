// The local cluster of `sluice dev`: the Kubernetes-API test server from @sluice/kube-sim (a
// faithful API server with CRDs, validation and watches, but no kubelet and no scheduler), with
// the sluice.dev CRDs installed and examples/ applied, as `kubectl apply` would.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { KEDA_SCALED_OBJECT_CRD, startKubeServer, type KubeServer } from '@sluice/kube-sim';
import { parse } from 'yaml';
import { REPO_ROOT } from './examples.js';

const CRD_PLURALS = ['inferencemodels', 'quantizationprofiles', 'routingpolicies'];

export interface LocalCluster {
  readonly server: KubeServer;
  readonly kubeconfigPath: string;
  readonly kubeConfig: KubeConfig;
}

export async function startLocalCluster(kubeconfigPath: string): Promise<LocalCluster> {
  const server = await startKubeServer({ kubeconfigPath });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(kubeconfigPath);
  try {
    await installCrds(kubeConfig);
  } catch (error) {
    await server.close();
    throw error;
  }
  return { server, kubeconfigPath: server.kubeconfigPath ?? kubeconfigPath, kubeConfig };
}

/**
 * Through CustomObjectsApi: client-node's KubernetesObjectApi drops a CRD's x-kubernetes-* keys.
 * KEDA's ScaledObject too (its smallest CRD), so `scaler: keda` models get the ScaledObject a
 * cluster with KEDA gets, which the KEDA stand-in (local-keda.ts) acts on.
 */
async function installCrds(kubeConfig: KubeConfig): Promise<void> {
  const custom = kubeConfig.makeApiClient(CustomObjectsApi);
  const ours = CRD_PLURALS.map(
    (plural) =>
      parse(readFileSync(join(REPO_ROOT, 'crds', `sluice.dev_${plural}.yaml`), 'utf8')) as object,
  );
  for (const body of [...ours, KEDA_SCALED_OBJECT_CRD]) {
    await custom.createClusterCustomObject({
      group: 'apiextensions.k8s.io',
      version: 'v1',
      plural: 'customresourcedefinitions',
      body,
    });
  }
}

/** Creates each object; a kind the server does not serve yet (CRD just created) is retried. */
export async function applyObjects(
  kubeConfig: KubeConfig,
  objects: readonly KubernetesObject[],
): Promise<void> {
  const client = KubernetesObjectApi.makeApiClient(kubeConfig);
  for (const object of objects) {
    const body = { ...object, metadata: { namespace: 'default', ...object.metadata } };
    await withRetries(() => client.create(body));
  }
}

async function withRetries<T>(action: () => Promise<T>, attempts = 20): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
