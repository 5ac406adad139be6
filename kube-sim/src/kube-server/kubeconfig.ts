// The kubeconfig written for clients. The server speaks plain HTTP: kubectl accepts http://
// servers as they are, and @kubernetes/client-node 1.x refuses them unless the cluster has
// `insecure-skip-tls-verify: true`, so that flag is set (it has no other effect over HTTP).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { stringify } from 'yaml';

export const kubeconfigYaml = (url: string): string =>
  stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'sluice-test', cluster: { server: url, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'sluice-test', user: { token: 'sluice-test-token' } }],
    contexts: [
      {
        name: 'sluice-test',
        context: { cluster: 'sluice-test', user: 'sluice-test', namespace: 'default' },
      },
    ],
    'current-context': 'sluice-test',
    preferences: {},
  });

export const writeKubeconfig = async (path: string, url: string): Promise<void> => {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, kubeconfigYaml(url), { mode: 0o600 });
};
