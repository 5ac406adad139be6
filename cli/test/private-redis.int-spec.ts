import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createLogger, freePort } from '@sluice/common';
import { CONVENTIONAL_REDIS_URL, localRedis } from '../src/dev/local-redis.js';
import { PrivateRedis, redisServerArgs } from '../src/dev/private-redis.js';

const logger = createLogger({ LOG_LEVEL: 'silent', LOG_FORMAT: 'json' }, 'private-redis-test');
const execFileAsync = promisify(execFile);

/** redis-cli (shipped with redis-server: Debian's redis-tools, Homebrew's redis): reply lines. */
const cli = async (url: string, ...command: string[]): Promise<string[]> =>
  (await execFileAsync('redis-cli', ['-u', url, ...command])).stdout.split('\n').slice(0, -1);

/** The pid a daemonized redis-server writes once it runs (after its parent has returned). */
async function daemonPid(pidFile: string): Promise<number> {
  while (!existsSync(pidFile)) await new Promise((resolve) => setTimeout(resolve, 20));
  return Number(readFileSync(pidFile, 'utf8'));
}

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('PrivateRedis (the redis-server on PATH)', () => {
  const root = mkdtempSync(join(tmpdir(), 'sluice-redis-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('starts a server with an append-only file, stops it, and finds its data on the next start', async () => {
    const dir = join(root, 'started');
    const redis = new PrivateRedis({ dir, logger });
    try {
      const url = (await redis.start()) ?? '';
      expect(url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
      expect(await cli(url, 'SET', 'sluice:private-redis-test', 'kept')).toEqual(['OK']);
      expect(await cli(url, 'CONFIG', 'GET', 'save')).toEqual(['save', '']);
      expect(await cli(url, 'CONFIG', 'GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      expect(await cli(url, 'CONFIG', 'GET', 'appendfsync')).toEqual(['appendfsync', 'everysec']);
      const pid = Number(readFileSync(join(dir, 'redis.pid'), 'utf8'));
      await redis.stop();
      expect(isRunning(pid)).toBe(false);
      expect(readdirSync(dir)).toEqual(['appendonlydir']);
      const again = (await redis.start()) ?? '';
      expect(await cli(again, 'GET', 'sluice:private-redis-test')).toEqual(['kept']);
    } finally {
      await redis.stop();
    }
  });

  // As after a SIGKILLed sluice dev: a daemonized server is nobody's child, like a real orphan.
  it('stops a server a killed run left behind before starting its own', async () => {
    const dir = join(root, 'orphan');
    mkdirSync(dir);
    const args = [...redisServerArgs(await freePort(), dir), '--daemonize', 'yes'];
    await execFileAsync('redis-server', args);
    const orphan = await daemonPid(join(dir, 'redis.pid'));
    const redis = new PrivateRedis({ dir, logger });
    try {
      await redis.start();
      expect(isRunning(orphan)).toBe(false);
      expect(Number(readFileSync(join(dir, 'redis.pid'), 'utf8'))).not.toBe(orphan);
    } finally {
      await redis.stop();
    }
  }, 30_000);

  it('reports a missing binary as undefined so local mode can fall back', async () => {
    const dir = join(root, 'missing');
    const redis = new PrivateRedis({ dir, logger, command: 'no-such-redis-server' });
    expect(await redis.start()).toBeUndefined();
    await redis.stop();
  });
});

describe('localRedis', () => {
  const root = mkdtempSync(join(tmpdir(), 'sluice-redis-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('uses REDIS_URL when it is set, starting nothing', async () => {
    const dir = join(root, 'configured');
    const redis = new PrivateRedis({ dir, logger });
    const inUse = await localRedis('redis://cache.internal:6379/3', redis, logger);
    expect(inUse).toEqual({ url: 'redis://cache.internal:6379/3', source: 'REDIS_URL' });
    expect(existsSync(dir)).toBe(false);
  });

  it('falls back to the conventional address without a redis-server', async () => {
    const redis = new PrivateRedis({
      dir: join(root, 'none'),
      logger,
      command: 'no-such-redis-server',
    });
    expect(await localRedis(undefined, redis, logger)).toEqual({
      url: CONVENTIONAL_REDIS_URL,
      source: 'conventional',
    });
  });
});
