import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, loadConfig, operatorEnvSchema } from '@sluice/common';
import { startOperator, type RunningOperator } from '../src/bootstrap.js';
import { eventually, startTestCluster } from './support/cluster.js';
import { installSluiceCrds } from './support/sluice-crds.js';

// An HTTP server answering /version as kube-apiserver does, then closed: an unreachable API.
function versionServer(): Promise<Server> {
  const server = createServer((req, res) => {
    const found = req.url === '/version' || req.url === '/version/'; // client-node asks /version/
    res.writeHead(found ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify(
        found ? { major: '1', minor: '32', gitVersion: 'v1.32.0' } : { kind: 'Status', code: 404 },
      ),
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function kubeconfig(dir: string, server: string): string {
  const file = join(dir, 'kubeconfig');
  writeFileSync(
    file,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      // client-node refuses plain http:// unless TLS verification is explicitly skipped.
      clusters: [{ name: 'test', cluster: { server, 'insecure-skip-tls-verify': true } }],
      users: [{ name: 'test', user: { token: 'test' } }],
      contexts: [{ name: 'test', context: { cluster: 'test', user: 'test' } }],
      'current-context': 'test',
    }),
  );
  return file;
}

async function start(kubeconfigPath: string): Promise<RunningOperator> {
  const env = {
    KUBECONFIG: kubeconfigPath,
    OPERATOR_HTTP_ADDR: '127.0.0.1:0',
    LOG_LEVEL: 'silent',
    LOG_FORMAT: 'json',
  };
  const config = loadConfig(operatorEnvSchema, env);
  return startOperator(config, createLogger(config, 'operator-test'));
}

describe('operator process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-operator-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is ready once the Kubernetes API answers and its informers synced, and serves metrics', async () => {
    const cluster = await startTestCluster();
    await installSluiceCrds(cluster.kubeConfig);
    const operator = await start(cluster.kubeconfigPath);
    try {
      expect((await fetch(`${operator.httpUrl}/healthz`)).status).toBe(200);
      await eventually(async () => (await fetch(`${operator.httpUrl}/readyz`)).status === 200);
      const ready = await fetch(`${operator.httpUrl}/readyz?verbose`);
      expect(await ready.text()).toBe(
        '[+]shutdown ok\n[+]informers ok\n[+]kube-apiserver ok\nok\n',
      );
      expect(await (await fetch(`${operator.httpUrl}/metrics`)).text()).toContain(
        'component="operator"',
      );
    } finally {
      await operator.app.close();
      await cluster.close();
    }
  });

  it('starts but is not ready while the Kubernetes API is unreachable', async () => {
    const apiServer = await versionServer();
    const { port } = apiServer.address() as { port: number };
    await new Promise((resolve) => apiServer.close(resolve));
    const operator = await start(kubeconfig(dir, `http://127.0.0.1:${port}`));
    try {
      expect((await fetch(`${operator.httpUrl}/healthz`)).status).toBe(200);
      const ready = await fetch(`${operator.httpUrl}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.text()).toContain('[-]kube-apiserver failed');
    } finally {
      await operator.app.close();
    }
  });
});
