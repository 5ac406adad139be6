import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { startKubeServer, type KubeServer } from '@sluice/kube-sim';

export interface TestCluster {
  readonly server: KubeServer;
  readonly kubeConfig: KubeConfig;
  readonly kubeconfigPath: string;
  close(): Promise<void>;
}

/** A Kubernetes-API test server on a free port, one per test file. */
export async function startTestCluster(
  port?: number,
  options: { recordRequests?: boolean } = {},
): Promise<TestCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-operator-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  const server = await startKubeServer({
    kubeconfigPath,
    historySize: 50,
    ...options,
    ...(port === undefined ? {} : { port }),
  });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(kubeconfigPath);
  return {
    server,
    kubeConfig,
    kubeconfigPath,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let counter = 0;
/** A name no other test uses. */
export const uniqueName = (prefix: string): string =>
  `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter++}`;

export async function eventually(
  check: () => boolean | Promise<boolean>,
  ms = 5000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export { freePort } from '@sluice/common';

/** A KubeConfig for a server URL, as the test server writes it. */
export function kubeConfigFor(url: string): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'c', server: url, skipTLSVerify: true }],
    users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return kubeConfig;
}
