import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, Proc, requireBuilt, run, SLUICE_CLI } from './support/processes.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

// The README's run command, as a newcomer runs it: no DATABASE_URL, no cluster.
describe('local mode (sluice dev, what make run starts)', () => {
  // Private (0700) like a CI clone: as root, local mode must still let PostgreSQL reach its data.
  const dataDir = mkdtempSync(join(tmpdir(), 'sluice-e2e-'));
  let dev: Proc;
  let grpc: string;
  let http: string;

  beforeAll(async () => {
    const [grpcPort, httpPort, pgPort] = [await freePort(), await freePort(), await freePort()];
    grpc = `127.0.0.1:${grpcPort}`;
    http = `http://127.0.0.1:${httpPort}`;
    dev = new Proc([requireBuilt(SLUICE_CLI), 'dev'], {
      DATABASE_URL: '',
      REDIS_URL,
      SLUICE_DATA_DIR: dataDir,
      EMBEDDED_POSTGRES_PORT: String(pgPort),
      API_GRPC_ADDR: grpc,
      API_HTTP_ADDR: `127.0.0.1:${httpPort}`,
      LOG_FORMAT: 'json',
    });
    await dev.waitFor('Sluice is running locally');
  }, 120_000);

  afterAll(() => {
    if (dev.child.exitCode === null) dev.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers the standard gRPC health check with SERVING', async () => {
    const result = await run([SLUICE_CLI, 'health', '--address', grpc]);
    expect(result).toMatchObject({ code: 0, stdout: 'SERVING\n' });
  });

  it('reports the embedded PostgreSQL and Redis as up over sluice.v1', async () => {
    const result = await run([SLUICE_CLI, 'status', '--address', grpc, '--output', 'json']);
    expect(result.code).toBe(0);
    const status = JSON.parse(result.stdout) as { version: string; dependencies: unknown[] };
    expect(status.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(status.dependencies).toEqual([
      { name: 'postgres', state: 'UP', detail: 'ok' },
      { name: 'redis', state: 'UP', detail: 'ok' },
    ]);
  });

  it('serves readiness and Prometheus metrics over HTTP', async () => {
    const ready = await fetch(`${http}/readyz?verbose`);
    expect(ready.status).toBe(200);
    expect(await ready.text()).toContain('[+]grpc ok');
    const metrics = await (await fetch(`${http}/metrics`)).text();
    expect(metrics).toMatch(
      /sluice_grpc_server_handled_total\{grpc_method="\/sluice.v1.SystemService\/GetStatus",grpc_code="OK",component="api"\} [1-9]/,
    );
  });

  it('stops cleanly on Ctrl-C and shuts the embedded database down', async () => {
    dev.child.kill('SIGINT');
    const { code } = await dev.exited;
    expect(dev.stdout).toContain('Drained gRPC');
    expect(dev.stdout).toContain('Stopped embedded PostgreSQL');
    expect(code).toBe(0);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  }, 60_000);
});
