// A private redis-server for local mode, the counterpart of the embedded PostgreSQL: the binary on
// PATH (Debian's redis-server package, Homebrew's redis), on 127.0.0.1 and a free port, with an
// append-only file in its folder: usage acknowledged while PostgreSQL is away waits in its queue,
// and must survive a restart of Redis as in production (issue 12, item 8). It runs in its own
// process group so that Ctrl-C reaches sluice dev first and the server stops only after the API
// has closed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, redisAnswersPing, type Logger } from '@sluice/common';
import { livePid } from './pid-file.js';

export interface PrivateRedisOptions {
  /** Working directory: pid file and the append-only file (appendonlydir/). */
  readonly dir: string;
  readonly logger: Logger;
  /** The server binary, looked up on PATH. */
  readonly command?: string;
}

const PID_FILE = 'redis.pid';
const START_TIMEOUT_MS = 15_000;

/**
 * AOF, fsynced every second (production's usual setting; the API reads it and so acknowledges
 * usage into the queue), no RDB snapshots (`save ""`: the AOF already has everything); loopback.
 */
export function redisServerArgs(port: number, dir: string): string[] {
  return [
    ...['--bind', '127.0.0.1', '--port', String(port)],
    ...['--dir', dir, '--pidfile', join(dir, PID_FILE)],
    ...['--save', '', '--appendonly', 'yes', '--appendfsync', 'everysec'],
  ];
}

export class PrivateRedis {
  private server: ChildProcess | undefined;
  // Should sluice dev exit without stop() (an uncaught error), the server must not outlive it.
  private readonly killOnExit = (): void => void this.server?.kill('SIGTERM');

  constructor(private readonly options: PrivateRedisOptions) {}

  /** Its URL once it answers PING; undefined when the binary is not installed. */
  async start(): Promise<string | undefined> {
    const { dir, logger, command = 'redis-server' } = this.options;
    mkdirSync(dir, { recursive: true });
    stopOrphan(dir, logger);
    const port = await freePort();
    const server = spawn(command, redisServerArgs(port, dir), {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-2000);
      logger.debug({ redis: chunk.toString('utf8').trim() }, 'Redis log');
    };
    server.stdout?.on('data', keep);
    server.stderr?.on('data', keep);
    if (!(await spawned(server))) return undefined;
    this.server = server;
    process.once('exit', this.killOnExit);
    await untilPong(port, server, () => output).catch(async (error: unknown) => {
      await this.stop();
      throw error;
    });
    const url = `redis://127.0.0.1:${port}`;
    logger.info({ url, pid: server.pid, dir, appendonly: 'yes' }, 'Started private Redis');
    return url;
  }

  /** SIGTERM: Redis fsyncs its append-only file, closes its clients and exits. */
  async stop(): Promise<void> {
    const server = this.server;
    process.removeListener('exit', this.killOnExit);
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
    this.options.logger.info('Stopped private Redis');
  }
}

/** True once the process runs, false when the binary is missing (ENOENT). */
function spawned(server: ChildProcess): Promise<boolean> {
  return new Promise((resolve, reject) => {
    server.once('spawn', () => resolve(true));
    server.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ENOENT' ? resolve(false) : reject(error),
    );
  });
}

async function untilPong(port: number, server: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (server.exitCode === null && server.signalCode === null && Date.now() < deadline) {
    if (await redisAnswersPing(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const why = server.exitCode === null ? 'did not answer PING' : `exited (${server.exitCode})`;
  throw new Error(`redis-server on port ${port} ${why} during start-up: ${output().trim()}`);
}

/**
 * A server left running by a local-mode process that was killed (SIGKILL) is stopped first. The
 * pid must still name a redis-server.
 */
function stopOrphan(dir: string, logger: Logger): void {
  const pid = livePid(join(dir, PID_FILE), 'redis-server');
  if (pid === undefined) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return; // It exited after ps saw it.
  }
  logger.warn({ pid }, 'Stopped a private Redis left running by an earlier run');
  spawnSync('sh', ['-c', `while kill -0 ${pid} 2>/dev/null; do sleep 0.1; done`], {
    timeout: 15_000,
  });
}
