import { jest } from '@jest/globals';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { randomUUID } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import { CacheMetrics } from '../src/modules/cache/cache-metrics.js';
import { cacheRedisOptions } from '../src/modules/cache/cache-redis.js';
import type { CacheScope } from '../src/modules/cache/cache.types.js';
import { ExactCache } from '../src/modules/cache/exact-cache.js';
import { exactKey } from '../src/modules/cache/exact-key.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('ExactCache on the real Redis', () => {
  const redis = new Redis(REDIS_URL, cacheRedisOptions('sluice-it-cache'));
  const metrics = new CacheMetrics(new Registry());
  const cache = new ExactCache(redis, metrics);
  // Unique tenants per run: keys never collide with other runs, and cleanup finds them all.
  const run = randomUUID();
  const scope = (team: string): CacheScope => ({
    tenant: `it-${run}-${team}`,
    policy: { namespace: 'prod', name: 'default' },
  });

  beforeAll(async () => {
    // No offline queue: commands are refused until connected.
    if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
  });

  afterAll(async () => {
    const keys = await redis.keys(`sluice:cache:v1:exact:it-${run}-*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('sends the lookups of one turn as one MGET, and gives each its own answer', async () => {
    // Metrics of its own: the other tests count this file's hits and misses.
    const batched = new ExactCache(redis, new CacheMetrics(new Registry()));
    const keys = ['one', 'two', 'three'].map((p) => exactKey(scope('batch'), { prompt: p }));
    await batched.set(keys[0] ?? '', { content: '1' }, 60);
    await batched.set(keys[2] ?? '', { content: '3' }, 60);
    const mget = jest.spyOn(redis, 'mget');
    try {
      const answers = await Promise.all(keys.map((key) => batched.get(key)));
      expect(answers.map((a) => a?.content)).toEqual(['1', undefined, '3']);
      expect(mget).toHaveBeenCalledTimes(1);
    } finally {
      mget.mockRestore();
    }
  });

  it('misses, then hits what was stored', async () => {
    const key = exactKey(scope('a'), { prompt: 'What is 2+2?' });
    await expect(cache.get(key)).resolves.toBeUndefined();

    await expect(
      cache.set(key, { content: '4', model: 'small', outputTokens: 1 }, 60),
    ).resolves.toBe(true);

    const again = exactKey(scope('a'), { prompt: '  What is  2+2? ' });
    await expect(cache.get(again)).resolves.toEqual({
      content: '4',
      model: 'small',
      outputTokens: 1,
    });
    expect(await metrics.count('exact', 'hit')).toBe(1);
    expect(await metrics.count('exact', 'miss')).toBe(1);
  });

  it('keeps the decision and time an answer came from, and reads entries without them', async () => {
    const key = exactKey(scope('provenance'), { prompt: 'Who wrote the first program?' });
    const response = { content: 'Ada', sourceDecisionId: 'd-42', cachedAt: 1_795_000_000_000 };
    await cache.set(key, response, 60);
    await expect(cache.get(key)).resolves.toEqual(response);

    // As the cache wrote entries before they carried their provenance.
    const old = exactKey(scope('provenance'), { prompt: 'Stored long ago' });
    await redis.set(old, JSON.stringify({ v: 1, content: 'old', model: 'small' }), 'EX', 60);
    await expect(cache.get(old)).resolves.toEqual({ content: 'old', model: 'small' });
  });

  it('stores with the policy TTL, and the entry expires', async () => {
    const key = exactKey(scope('ttl'), { prompt: 'short lived' });
    await cache.set(key, { content: 'x' }, 1);
    const pttl = await redis.pttl(key);
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(1000);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    await expect(cache.get(key)).resolves.toBeUndefined();
  });

  it('never gives one tenant the answer stored for another', async () => {
    const prompt = { prompt: 'Summarize our roadmap' };
    await cache.set(exactKey(scope('a'), prompt), { content: 'team A secret' }, 60);

    await expect(cache.get(exactKey(scope('b'), prompt))).resolves.toBeUndefined();
  });

  it('treats a foreign value under a cache key as a miss', async () => {
    const key = exactKey(scope('a'), { prompt: 'corrupted' });
    await redis.set(key, 'not json', 'EX', 60);
    await expect(cache.get(key)).resolves.toBeUndefined();
  });

  it('answers a miss, without throwing, when Redis is unreachable', async () => {
    const dead = new Redis(
      `redis://127.0.0.1:${await closedPort()}`,
      cacheRedisOptions('sluice-it-dead'),
    );
    dead.on('error', () => undefined);
    const errors: unknown[] = [];
    const deadMetrics = new CacheMetrics(new Registry());
    const offline = new ExactCache(dead, deadMetrics, { onError: (error) => errors.push(error) });
    const key = exactKey(scope('a'), { prompt: 'What is 2+2?' });
    try {
      await expect(offline.get(key)).resolves.toBeUndefined();
      await expect(offline.set(key, { content: '4' }, 60)).resolves.toBe(false);
      // Refused by the disabled offline queue, not by waiting out a timeout.
      expect(String(errors[0])).toMatch(/enableOfflineQueue|Stream isn't writeable/);
      expect(await deadMetrics.count('exact', 'error')).toBe(1);
    } finally {
      dead.disconnect();
    }
  });

  it('answers a miss when Redis accepts the connection but never replies', async () => {
    // A listener that never speaks RESP: the connect succeeds, so only the deadline can help.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const hung = new Redis(`redis://127.0.0.1:${port}`, {
      ...cacheRedisOptions('sluice-it-hung'),
      // ioredis would otherwise wait for a ready check the silent server never answers.
      enableReadyCheck: false,
      enableOfflineQueue: true,
    });
    hung.on('error', () => undefined);
    const errors: unknown[] = [];
    const offline = new ExactCache(hung, new CacheMetrics(new Registry()), {
      timeoutMs: 50,
      onError: (error) => errors.push(error),
    });
    try {
      await expect(offline.get('sluice:cache:v1:exact:x:y')).resolves.toBeUndefined();
      expect(String(errors[0])).toMatch(/timed out|exceeded/i);
    } finally {
      hung.disconnect();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
