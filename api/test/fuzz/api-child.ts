// The API as `make run-api` starts it (node api/dist/main.js) in a child process, so a request
// that kills it is seen as the process exiting, with its last log lines kept for the report.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from '../support/sluice-cluster.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const API_MAIN = join(ROOT, 'api', 'dist', 'main.js');
const TAIL_CHARS = 20_000;
/** Prints the live heap after a full GC on SIGUSR2 (test-only, see the file). */
const LIVE_HEAP = pathToFileURL(join(import.meta.dirname, 'live-heap.mjs')).href;
const MB = 1024 * 1024;

export interface ApiEnv {
  readonly DATABASE_URL: string;
  readonly REDIS_URL: string;
  readonly KUBECONFIG: string;
}

export class ApiChild {
  private output = '';
  private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** The services the server logged as registered ("Serving gRPC"). */
  services: readonly string[] = [];
  private stderrLine = '';
  private heapWaiters: Array<(mb: number) => void> = [];

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly grpcAddress: string,
    readonly exited: Promise<void>,
  ) {}

  static async start(env: ApiEnv): Promise<ApiChild> {
    if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run 'make build' first`);
    const grpcAddress = `127.0.0.1:${await freePort()}`;
    const child = spawn(process.execPath, ['--expose-gc', '--import', LIVE_HEAP, API_MAIN], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...env,
        API_GRPC_ADDR: grpcAddress,
        API_HTTP_ADDR: `127.0.0.1:${await freePort()}`,
        LOG_FORMAT: 'json',
        LOG_LEVEL: 'info',
        // The decision memory is a bounded store (64 MB by default) that every routed request
        // adds to: at its smallest bound, what a replay of the run can add to it stays small
        // next to the memory test's bound, however many runs.
        DECISION_MEMORY_MB: '1',
      },
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const api = new ApiChild(child, grpcAddress, exited);
    child.once('exit', (code, signal) => (api.exit = { code, signal }));
    const keep = (chunk: Buffer) => api.keep(chunk.toString());
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.stderr.on('data', (chunk: Buffer) => api.readHeapReports(chunk.toString()));
    await api.started();
    return api;
  }

  private keep(text: string): void {
    this.output = (this.output + text).slice(-TAIL_CHARS);
    if (this.services.length > 0) return;
    const served = /"services":(\[[^\]]*\])[^\n]*"msg":"Serving gRPC"/.exec(this.output)?.[1];
    if (served !== undefined) this.services = JSON.parse(served) as string[];
  }

  private readHeapReports(text: string): void {
    const lines = (this.stderrLine + text).split('\n');
    this.stderrLine = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{"fuzzLiveHeap"')) continue;
      const { heapUsed, external } = (JSON.parse(line) as { fuzzLiveHeap: Record<string, number> })
        .fuzzLiveHeap;
      this.heapWaiters.shift()?.((Number(heapUsed) + Number(external)) / MB);
    }
  }

  /**
   * MB the process still holds after a full garbage collection: V8's live objects and the
   * buffers they own. Unlike RSS, no high-water mark is in it.
   */
  liveHeapMb(): Promise<number> {
    return new Promise((resolve) => {
      this.heapWaiters.push(resolve);
      this.child.kill('SIGUSR2');
    });
  }

  private async started(): Promise<void> {
    while (!this.output.includes('"msg":"API started"')) {
      if (!this.alive) throw new Error(`the API exited before it started:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  get alive(): boolean {
    return (
      this.exit === undefined && this.child.exitCode === null && this.child.signalCode === null
    );
  }

  /** How it ended and what it last printed, for failure messages. */
  describeExit(): string {
    const exit = this.exit ?? { code: this.child.exitCode, signal: this.child.signalCode };
    return `exit code ${exit.code}, signal ${exit.signal}; last output:\n${this.output.slice(-2500)}`;
  }

  /** Resident set size in MB, from /proc/<pid>/status. */
  rssMb(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    if (kb === undefined) throw new Error(`no VmRSS for pid ${this.pid}`);
    return Number(kb) / 1024;
  }

  async stop(): Promise<void> {
    if (!this.alive) return;
    this.child.kill('SIGTERM');
    await this.exited;
  }
}
