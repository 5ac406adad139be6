// How the API reads Redis's persistence, on redis-servers of the test's own: CONFIG GET where it
// may, INFO persistence where CONFIG is disabled (renamed away, as ElastiCache and MemoryDB do).
import { Probes } from '@sluice/common';
import { Redis } from 'ioredis';
import type { PinoLogger } from 'nestjs-pino';
import type { ApiConfig } from '../src/config/api-config.js';
import { RedisPersistenceMonitor } from '../src/queue/redis-persistence-monitor.js';
import { ownRedis, type OwnRedis } from './support/own-redis.js';

const silent = { info: () => undefined, warn: () => undefined, debug: () => undefined };

describe.each([
  {
    aof: true,
    args: [],
    expected: { persistent: true, appendfsync: 'always', source: 'CONFIG GET' },
  },
  {
    aof: false,
    args: [],
    expected: { persistent: false, appendfsync: 'everysec', source: 'CONFIG GET' },
  },
  {
    aof: true,
    args: ['--rename-command', 'CONFIG', ''],
    expected: { persistent: true, source: 'INFO persistence' },
  },
  {
    aof: false,
    args: ['--rename-command', 'CONFIG', ''],
    expected: { persistent: false, source: 'INFO persistence' },
  },
])('RedisPersistenceMonitor (AOF: $aof, $args)', ({ aof, args, expected }) => {
  let server: OwnRedis;
  let redis: Redis;
  let monitor: RedisPersistenceMonitor;

  beforeAll(async () => {
    server = await ownRedis({ aof, args });
    redis = new Redis(server.url);
    const config = { USAGE_VOLATILE_ACK: 'false' } as ApiConfig;
    monitor = new RedisPersistenceMonitor(
      redis,
      config,
      new Probes(),
      silent as unknown as PinoLogger,
    );
    await monitor.onApplicationBootstrap();
  });

  afterAll(async () => {
    monitor.onApplicationShutdown();
    redis.disconnect();
    await server.stop();
  });

  it('reads it, and trusts the queue only with an append-only file', () => {
    expect(monitor.persistence).toEqual({ appendonly: aof ? 'yes' : 'no', ...expected });
    expect(monitor.queueIsDurable).toBe(aof);
  });

  it('forgets it when the connection drops, and reads it again on reconnecting', async () => {
    const closed = new Promise((resolve) => redis.once('close', resolve));
    await server.kill();
    await closed;
    expect(monitor.persistence).toBeUndefined();
    expect(monitor.queueIsDurable).toBe(false);
    await server.start();
    while (monitor.persistence === undefined) await new Promise((r) => setTimeout(r, 50));
    expect(monitor.persistence).toEqual({ appendonly: aof ? 'yes' : 'no', ...expected });
  }, 30_000);
});
