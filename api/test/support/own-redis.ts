import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, redisAnswersPing } from '@sluice/common';

/**
 * A redis-server of the test's own (the binary on PATH), so a test can kill it and bring it back
 * without touching the shared Redis: with `aof`, restarted from its own append-only file
 * (`appendfsync always`: what was acknowledged is on disk when SIGKILL comes); without, empty.
 */
export interface OwnRedis {
  readonly url: string;
  /** SIGKILL, as a crash: no shutdown save, nothing flushed that was not already. */
  kill(): Promise<void>;
  /** Starts it again on the same port and folder; resolves once it answers PING. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

async function answers(port: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await redisAnswersPing(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server on port ${port} did not start`);
}

export async function ownRedis(options: {
  aof: boolean;
  /** More redis-server settings, e.g. ['--rename-command', 'CONFIG', ''] as managed Redis does. */
  args?: readonly string[];
}): Promise<OwnRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'sluice-own-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  const args = [
    ...['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--save', ''],
    ...(options.aof ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']),
    ...(options.args ?? []),
  ];
  let server: ChildProcess | undefined;
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    const running = server;
    server = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(signal);
    await exited;
  };
  const own: OwnRedis = {
    url,
    kill: () => end('SIGKILL'),
    start: async () => {
      server = spawn('redis-server', args, { stdio: 'ignore' });
      await answers(port);
    },
    stop: async () => {
      await end('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await own.start();
  return own;
}
