import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startKubeServer, type KubeServer } from '@sluice/kube-sim';
import { freePort, Proc, requireBuilt, run, SLUICE_CLI } from './support/processes.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const execFileAsync = promisify(execFile);
/** An asymmetric matcher for text containing `part`, typed for toMatchObject. */
const containing = (part: string): string => expect.stringContaining(part) as string;

/** What the banner says after `label` (up to the next space or ';'). */
const printed = (stdout: string, label: string): string => {
  const found = new RegExp(`${label}(\\S+?)[;\\s]`).exec(stdout)?.[1];
  if (found === undefined) throw new Error(`"${label}" not printed:\n${stdout}`);
  return found;
};

interface Decision {
  target: { model: { name: string }; servedModelName: string; endpointUrl: string };
}

/** The pid in the JSON log line whose msg is `message`. */
const loggedPid = (stdout: string, message: string): number => {
  const line = stdout.split('\n').find((l) => l.includes(`"msg":"${message}"`));
  if (line === undefined) throw new Error(`"${message}" not logged:\n${stdout}`);
  return (JSON.parse(line) as { pid: number }).pid;
};

interface LogLine {
  readonly component: string;
  readonly msg: string;
  readonly context?: string;
}

/** The JSON log lines (LOG_FORMAT=json) among what sluice dev printed. */
const logLines = (stdout: string): LogLine[] =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine);

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

// The README's run command, as a newcomer runs it: no DATABASE_URL, no REDIS_URL, no cluster
// (KUBECONFIG unset): a private redis-server, the test API server with examples/, the operator,
// fake vLLMs, an admin token.
describe('local mode (sluice dev, what make run starts)', () => {
  // Private (0700) like a CI clone: as root, local mode must still let PostgreSQL reach its data.
  const dataDir = mkdtempSync(join(tmpdir(), 'sluice-e2e-'));
  let dev: Proc;
  let grpc: string;
  let http: string;

  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const [grpcPort, httpPort, pgPort] = [await freePort(), await freePort(), await freePort()];
    grpc = `127.0.0.1:${grpcPort}`;
    http = `http://127.0.0.1:${httpPort}`;
    env = {
      DATABASE_URL: '',
      KUBECONFIG: '',
      REDIS_URL: '',
      SLUICE_DATA_DIR: dataDir,
      EMBEDDED_POSTGRES_PORT: String(pgPort),
      API_GRPC_ADDR: grpc,
      API_HTTP_ADDR: `127.0.0.1:${httpPort}`,
      LOG_FORMAT: 'json',
    };
    dev = new Proc([requireBuilt(SLUICE_CLI), 'dev'], env);
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

  it('starts a private Redis and says so in the banner', () => {
    const url = printed(dev.stdout, '\\n  Redis\\s+');
    expect(url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    expect(url).not.toBe(REDIS_URL);
    expect(dev.stdout).toContain(`${url}   (private redis-server`);
    expect(isRunning(loggedPid(dev.stdout, 'Started private Redis'))).toBe(true);
  });

  it('reports the embedded PostgreSQL and the private Redis as up over sluice.v1', async () => {
    const result = await run([SLUICE_CLI, 'status', '--address', grpc, '--output', 'json']);
    expect(result.code).toBe(0);
    const status = JSON.parse(result.stdout) as { version: string; dependencies: unknown[] };
    expect(status.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(status.dependencies).toEqual([
      { name: 'postgres', state: 'UP', detail: 'ok' },
      {
        name: 'redis',
        state: 'UP',
        detail: 'ok; persistent (appendonly yes, appendfsync everysec; from CONFIG GET)',
      },
    ]);
  });

  it('serves readiness and Prometheus metrics over HTTP', async () => {
    const ready = await fetch(`${http}/readyz?verbose`);
    expect(ready.status).toBe(200);
    const text = await ready.text();
    expect(text).toContain('[+]grpc ok');
    expect(text).toContain(
      '[+]redis-persistence ok: persistent (appendonly yes, appendfsync everysec',
    );
    const metrics = await (await fetch(`${http}/metrics`)).text();
    expect(metrics).toMatch(
      /sluice_grpc_server_handled_total\{grpc_method="\/sluice.v1.SystemService\/GetStatus",grpc_code="OK",component="api"\} [1-9]/,
    );
  });

  it('serves the unit-economics page and its figures for the admin token', async () => {
    const page = printed(dev.stdout, '\\n  Dashboard\\s+');
    expect(page).toBe(`${http}/dashboard`);
    expect(await (await fetch(page)).text()).toContain('<title>Sluice · unit economics</title>');
    const token = readFileSync(join(dataDir, 'token'), 'utf8').trim();
    const data = await fetch(`${http}/v1/economics/dashboard?from=-1h`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(data.status).toBe(200);
    const figures = (await data.json()) as { granularity: string; totals: { queries: number } };
    expect(figures.granularity).toBe('hour');
    expect(figures.totals.queries).toBeGreaterThanOrEqual(0);
  });

  it('prints a kubeconfig whose cluster shows every example model Ready', async () => {
    const kubeconfig = printed(dev.stdout, 'export KUBECONFIG=');
    const { stdout } = await execFileAsync(
      'kubectl',
      [
        '--kubeconfig',
        kubeconfig,
        'get',
        'inferencemodels',
        '-o',
        'custom-columns=NAME:.metadata.name,READY:.status.conditions[?(@.type=="Ready")].status',
      ],
      { timeout: 30_000 },
    );
    expect(stdout.trim().split('\n').slice(1).sort()).toEqual([
      expect.stringMatching(/^gpt-4o\s+True$/),
      expect.stringMatching(/^llama-3-1-8b-awq\s+True$/),
      expect.stringMatching(/^qwen2-5-32b-fp8\s+True$/),
      // Up until its first cooldown (10 minutes) ends: scale-from-zero.e2e-spec.ts goes on.
      expect.stringMatching(/^qwen2-5-7b-batch\s+True$/),
      expect.stringMatching(/^ticket-classifier\s+True$/),
    ]);
  });

  it('completes the model-cache downloads with its stand-in kubelet: ModelCached True', async () => {
    const kubeconfig = printed(dev.stdout, 'export KUBECONFIG=');
    const column = 'custom-columns=CACHED:.status.conditions[?(@.type=="ModelCached")].status';
    const cached = async (): Promise<string> => {
      const args = ['--kubeconfig', kubeconfig, 'get', 'inferencemodel', 'qwen2-5-32b-fp8'];
      const { stdout } = await execFileAsync('kubectl', [...args, '-o', column], {
        timeout: 30_000,
      });
      return stdout.trim().split('\n').at(-1) ?? '';
    };
    // The stand-in kubelet and the operator each take a loop (500 ms) after start-up.
    for (let i = 0; i < 40 && (await cached()) !== 'True'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(await cached()).toBe('True');
  });

  it('routes with the printed token to a fake vLLM that answers the chat completion', async () => {
    const token = readFileSync(printed(dev.stdout, 'API token\\s+'), 'utf8').trim();
    const args = ['route', '--address', grpc, '--token', token, '--output', 'json'];
    const result = await run([SLUICE_CLI, ...args, '--prompt', 'Is this ticket about billing?']);
    expect(result).toMatchObject({ code: 0 });
    const { target } = JSON.parse(result.stdout) as Decision;
    expect(target.endpointUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const reply = await fetch(`${target.endpointUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: target.servedModelName,
        messages: [{ role: 'user', content: 'Is this ticket about billing?' }],
      }),
    });
    expect(reply.status).toBe(200);
    const body = (await reply.json()) as {
      model: string;
      choices: { message: { content: string } }[];
    };
    expect(body.model).toBe(target.servedModelName);
    expect(body.choices[0]?.message.content).not.toBe('');
  });

  it("gives a team its own token with sluice tokens create, and it routes within the team's scope", async () => {
    const admin = readFileSync(printed(dev.stdout, 'API token\\s+'), 'utf8').trim();
    const connect = ['--address', grpc, '--token', admin];
    const create = ['tokens', 'create', 'team-x', '--scope', 'team=x', ...connect];
    const created = await run([SLUICE_CLI, ...create]);
    expect(created).toMatchObject({ code: 0, stderr: containing('not shown again') });
    const secret = /secret: (sluice_\S+)/.exec(created.stdout)?.[1] ?? '';
    const args = ['route', '--address', grpc, '--token', secret, '--prompt', 'Billing?'];
    const routed = await run([SLUICE_CLI, ...args, '--output', 'json']);
    expect(routed).toMatchObject({ code: 0 });
    const outside = await run([SLUICE_CLI, ...args, '--tag', 'team=y']);
    expect(outside).toMatchObject({ code: 1, stderr: containing('scope') });
    const listed = await run([SLUICE_CLI, 'tokens', 'list', ...connect]);
    expect(listed.stdout).toContain('team-x');
    expect(listed.stdout).not.toContain(secret);
  });

  it('refuses a second sluice dev on the same data, which would stop the servers of the first', async () => {
    const second = await run([SLUICE_CLI, 'dev'], env);
    expect(second.code).toBe(1);
    expect(second.stdout).toContain(`already running on ${dataDir} (pid ${dev.child.pid})`);
    expect(second.stdout).not.toContain('left running by an earlier run');
    const health = await run([SLUICE_CLI, 'health', '--address', grpc]);
    expect(health).toMatchObject({ code: 0, stdout: 'SERVING\n' });
  });

  it('stops cleanly on Ctrl-C and shuts the private Redis and the embedded database down', async () => {
    const redisPid = loggedPid(dev.stdout, 'Started private Redis');
    dev.child.kill('SIGINT');
    const { code } = await dev.exited;
    // API first (drains), PostgreSQL last: each line after the one before it.
    const inOrder = [
      'Drained gRPC',
      'Stopped the operator',
      'Stopped fake backends',
      'Stopped the Kubernetes-API test server',
      'Stopped private Redis',
      'Stopped embedded PostgreSQL',
    ];
    const positions = inOrder.map((line) => dev.stdout.indexOf(line));
    expect(inOrder.filter((_, i) => positions[i] === -1)).toEqual([]);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(code).toBe(0);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(isRunning(redisPid)).toBe(false);
    expect(existsSync(join(dataDir, 'redis', 'redis.pid'))).toBe(false);
    expect(existsSync(join(dataDir, 'dev.pid'))).toBe(false);
  }, 60_000);

  // The API and the operator share this process (and Nest's logger); each line names its own.
  it('labels each line with the component that logged it', () => {
    const lines = logLines(dev.stdout);
    const components = (match: (l: LogLine) => boolean) => [
      ...new Set(lines.filter(match).map((l) => l.component)),
    ];
    expect(components((l) => l.msg === 'Nest application successfully started').sort()).toEqual([
      'api',
      'operator',
    ]);
    expect(components((l) => l.msg === 'Drained gRPC')).toEqual(['api']);
    expect(components((l) => l.context === 'ControllerManager')).toEqual(['operator']);
    expect(components((l) => l.msg === 'Started private Redis')).toEqual(['dev']);
  });

  it('starts again on the same data and keeps the token, which still routes', async () => {
    const tokenFile = printed(dev.stdout, 'API token\\s+');
    const token = readFileSync(tokenFile, 'utf8').trim();
    dev = new Proc([SLUICE_CLI, 'dev'], env);
    await dev.waitFor('Sluice is running locally');
    expect(readFileSync(tokenFile, 'utf8').trim()).toBe(token);
    const args = ['route', '--address', grpc, '--token', token, '--output', 'json'];
    expect(await run([SLUICE_CLI, ...args, '--prompt', 'Hello'])).toMatchObject({ code: 0 });
    dev.child.kill('SIGINT');
    expect(await dev.exited).toMatchObject({ code: 0 });
  }, 60_000);
});

// KUBECONFIG set: the API follows that cluster (with its own operator); sluice dev installs and
// starts nothing there, and no test server of its own.
describe('local mode with KUBECONFIG set', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sluice-e2e-'));
  let cluster: KubeServer;

  beforeAll(async () => {
    cluster = await startKubeServer({ kubeconfigPath: join(dataDir, 'existing-kubeconfig') });
  });

  afterAll(async () => {
    await cluster.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('uses that cluster as it is and stops cleanly', async () => {
    const [grpcPort, httpPort, pgPort] = [await freePort(), await freePort(), await freePort()];
    const dev = new Proc([requireBuilt(SLUICE_CLI), 'dev'], {
      DATABASE_URL: '',
      KUBECONFIG: cluster.kubeconfigPath,
      REDIS_URL,
      SLUICE_DATA_DIR: dataDir,
      EMBEDDED_POSTGRES_PORT: String(pgPort),
      API_GRPC_ADDR: `127.0.0.1:${grpcPort}`,
      API_HTTP_ADDR: `127.0.0.1:${httpPort}`,
      LOG_FORMAT: 'json',
    });
    try {
      await dev.waitFor('Sluice is running locally');
      expect(dev.stdout).toContain(`your cluster (KUBECONFIG=${cluster.kubeconfigPath})`);
      expect(dev.stdout).toContain(`Redis        ${REDIS_URL}   (REDIS_URL)`);
      expect(dev.stdout).not.toContain('Started private Redis');
      expect(existsSync(join(dataDir, 'kubeconfig'))).toBe(false);
      const crds = cluster.registry.find('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
      expect(crds && cluster.store.list(crds, undefined)).toEqual([]);
    } finally {
      dev.child.kill('SIGINT');
    }
    // Seen once under a loaded CI run: exit code null (a signal) instead of 0; say which and why.
    const exit = await dev.exited;
    if (exit.code !== 0)
      throw new Error(`sluice dev exited ${JSON.stringify(exit)}:\n${dev.stderr.slice(-4000)}`);
  }, 60_000);
});
