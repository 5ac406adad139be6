import { join } from 'node:path';
import { API_MAIN, freePort, Proc, requireBuilt, ROOT } from './support/processes.js';

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const OPERATOR_MAIN = join(ROOT, 'operator', 'dist', 'main.js');

// make run-api and make run-operator: each process alone, stopped by SIGTERM as Kubernetes does.
describe('each process alone', () => {
  it('the API logs JSON, serves, and exits 0 after draining on SIGTERM', async () => {
    const httpPort = await freePort();
    const api = new Proc([requireBuilt(API_MAIN)], {
      DATABASE_URL,
      REDIS_URL,
      API_GRPC_ADDR: `127.0.0.1:${await freePort()}`,
      API_HTTP_ADDR: `127.0.0.1:${httpPort}`,
      LOG_FORMAT: 'json',
    });
    await api.waitFor('"msg":"API started"');
    expect((await fetch(`http://127.0.0.1:${httpPort}/readyz`)).status).toBe(200);
    api.child.kill('SIGTERM');
    await expect(api.exited).resolves.toEqual({ code: 0, signal: null });
    const messages = api.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toEqual(
      expect.arrayContaining(['Received signal; shutting down', 'Drained gRPC', 'Stopped cleanly']),
    );
  }, 30_000);

  it('the operator exits 0 on SIGTERM even without a cluster', async () => {
    const operator = new Proc([requireBuilt(OPERATOR_MAIN)], {
      KUBECONFIG: '',
      OPERATOR_HTTP_ADDR: `127.0.0.1:${await freePort()}`,
      LOG_FORMAT: 'json',
    });
    await operator.waitFor('"msg":"Operator started"');
    operator.child.kill('SIGTERM');
    await expect(operator.exited).resolves.toEqual({ code: 0, signal: null });
    expect(operator.stdout).toContain('"msg":"Stopped cleanly"');
  }, 30_000);
});
