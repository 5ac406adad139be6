// One `sluice dev` per journey file, driven from separate processes (the built CLI, kubectl, a
// grpc-js client script), as the SPEC's users drive Sluice. With E2E_KUBECONFIG set, sluice dev
// follows that real cluster instead of starting its test server, and journeys skip what only the
// local fakes provide (the fake vLLMs' chat completions, the local kubelet stand-in).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, Proc, requireBuilt, ROOT, run, SLUICE_CLI } from './processes.js';

const execFileAsync = promisify(execFile);
const GRPC_CALL = join(ROOT, 'e2e', 'test', 'support', 'grpc-call.mjs');

/** The real cluster the suite runs against, or undefined for local mode's test server. */
export const REAL_CLUSTER = process.env.E2E_KUBECONFIG || undefined;

/** A journey step's time limit: each step starts client processes (node, kubectl) on a busy machine. */
export const STEP_MS = 30_000;

/** `it` for steps that need local mode's fakes; skipped against a real cluster, saying why. */
export function itWithFakes(name: string, test: () => Promise<void>, timeout = STEP_MS): void {
  if (REAL_CLUSTER === undefined) it(name, test, timeout);
  else it.skip(`${name} (skipped: needs local mode's fake backend, E2E_KUBECONFIG is set)`, test);
}

/** What the banner says after `label` (up to the next space or ';'). */
const printed = (stdout: string, label: string): string => {
  const found = new RegExp(`${label}(\\S+?)[;\\s]`).exec(stdout)?.[1];
  if (found === undefined) throw new Error(`"${label}" not printed:\n${stdout}`);
  return found;
};

export interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export class Journey {
  private constructor(
    private readonly dev: { readonly proc: Proc; readonly dataDir: string },
    readonly grpc: string,
    readonly kubeconfig: string,
    readonly token: string,
  ) {}

  /**
   * Starts `sluice dev` on a fresh data directory and free ports, on Redis database `redisDb`:
   * API processes sharing a Redis database share the usage-ingest queue, and one would book
   * (or drop) another's reports. Each journey file takes its own database.
   */
  static async start(redisDb: number): Promise<Journey> {
    const redis = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
    redis.pathname = `/${redisDb}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'sluice-journey-'));
    const [grpcPort, httpPort, pgPort] = [await freePort(), await freePort(), await freePort()];
    const grpc = `127.0.0.1:${grpcPort}`;
    const dev = new Proc([requireBuilt(SLUICE_CLI), 'dev'], {
      DATABASE_URL: '',
      KUBECONFIG: REAL_CLUSTER ?? '',
      REDIS_URL: redis.toString(),
      SLUICE_DATA_DIR: dataDir,
      EMBEDDED_POSTGRES_PORT: String(pgPort),
      API_GRPC_ADDR: grpc,
      API_HTTP_ADDR: `127.0.0.1:${httpPort}`,
      LOG_FORMAT: 'json',
    });
    await dev.waitFor('Sluice is running locally');
    const kubeconfig = REAL_CLUSTER ?? printed(dev.stdout, 'export KUBECONFIG=');
    const token = readFileSync(printed(dev.stdout, 'API token\\s+'), 'utf8').trim();
    return new Journey({ proc: dev, dataDir }, grpc, kubeconfig, token);
  }

  /** Stops sluice dev (Ctrl-C, so it drains) and removes its data. */
  async stop(): Promise<void> {
    const { proc, dataDir } = this.dev;
    if (proc.child.exitCode === null) {
      proc.child.kill('SIGINT');
      await proc.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }

  /** The built CLI against this API with the printed token. */
  cli(args: readonly string[]): Promise<Outcome> {
    return run([SLUICE_CLI, ...args, '--address', this.grpc, '--token', this.token]);
  }

  /** A CLI command whose `-o json` reply the test reads; fails on a non-zero exit. */
  async cliJson<T>(args: readonly string[]): Promise<T> {
    const result = await this.cli([...args, '-o', 'json']);
    if (result.code !== 0) throw new Error(`sluice ${args.join(' ')}: ${result.stderr}`);
    return JSON.parse(result.stdout) as T;
  }

  /** A RouterService RPC from the grpc-js client script: the reply, or {code, details}. */
  async rpc<T>(method: string, request: unknown): Promise<T> {
    const args = [GRPC_CALL, this.grpc, this.token, method, JSON.stringify(request)];
    const result = await run(args);
    if (result.stdout === '') throw new Error(`grpc-call ${method}: ${result.stderr}`);
    return JSON.parse(result.stdout) as T;
  }

  /** kubectl with the cluster's kubeconfig. */
  async kubectl(args: readonly string[]): Promise<string> {
    const options = { timeout: 30_000, env: { ...process.env, KUBECONFIG: this.kubeconfig } };
    const { stdout } = await execFileAsync('kubectl', [...args], options);
    return stdout;
  }
}

/**
 * Retries `probe` until it returns a value (not undefined): the API follows the cluster by watch,
 * and ingest is asynchronous. Gives up after `withinMs`, before the step's own time limit, so no
 * probe outlives its test.
 */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  withinMs = STEP_MS * 0.75,
): Promise<T> {
  const giveUpAt = Date.now() + withinMs;
  let last: unknown;
  while (Date.now() < giveUpAt) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`never saw ${what}${last === undefined ? '' : `: ${(last as Error).message}`}`);
}
