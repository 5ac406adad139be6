// The bench shares the local Redis with everyone's tests and runs; it takes back what it wrote.
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { CACHE_KEY_PREFIX } from '../../dist/modules/cache/cache.types.js';
import { createRedisConnection } from '../../dist/queue/redis-connection.js';

/** Removes every key of a BullMQ queue (a worker leaves some even when it never had a job). */
export async function obliterateQueue(redisUrl: string, name: string): Promise<void> {
  const connection = createRedisConnection(redisUrl, 'worker', 'sluice-bench-cleanup');
  const queue = new Queue(name, { connection });
  try {
    await queue.obliterate({ force: true });
  } finally {
    await queue.close();
    await connection.quit();
  }
}

/**
 * Removes what the API keeps in Redis for a tenant: the decisions Route remembered
 * (api/src/modules/router/decision-store.ts, a day each; a bench run leaves thousands) and the
 * tenant's exact and semantic cache entries (api/src/modules/cache, keyed by tenant first).
 */
export async function forgetTenant(redisUrl: string, tenantId: string): Promise<number> {
  const connection = createRedisConnection(redisUrl, 'worker', 'sluice-bench-cleanup');
  const prefixes = [
    'sluice:router:v1:decision:',
    `${CACHE_KEY_PREFIX}exact:`,
    `${CACHE_KEY_PREFIX}semantic:`,
  ];
  let removed = 0;
  try {
    for (const prefix of prefixes) {
      const keys = connection.scanStream({ match: `${prefix}${tenantId}:*`, count: 1000 });
      for await (const batch of keys) removed += await unlinkAll(connection, batch as string[]);
    }
  } finally {
    await connection.quit();
  }
  return removed;
}

const unlinkAll = (connection: Redis, keys: string[]): Promise<number> =>
  keys.length === 0 ? Promise.resolve(0) : connection.unlink(...keys);
