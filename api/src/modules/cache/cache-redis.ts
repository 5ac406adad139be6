import { Redis, type RedisOptions } from 'ioredis';
import { redisOptions } from '../../queue/redis-connection.js';

/** Longest a cache command may take before the lookup counts it as a miss. */
export const CACHE_COMMAND_TIMEOUT_MS = 100;

/**
 * A producer connection (no offline queue: while Redis is disconnected, a command is refused
 * at once instead of being queued until reconnect) plus a command timeout, for the case the
 * offline queue cannot see: connected, but Redis or the network hangs. Together they bound what
 * a dead Redis adds to Route. The producer's one retry per request stays: it only resends a
 * command that was in flight when a connection dropped, and the timeout still bounds it.
 */
export function cacheRedisOptions(
  connectionName: string,
  timeoutMs = CACHE_COMMAND_TIMEOUT_MS,
): RedisOptions {
  return { ...redisOptions('producer', connectionName), commandTimeout: timeoutMs };
}

export function createCacheRedis(url: string, name = 'sluice-cache'): Redis {
  return new Redis(url, cacheRedisOptions(name));
}

/**
 * Whatever connection the cache is handed, no await on Redis outlives `ms`: the shared API
 * connection has no commandTimeout, and a cache must never be the slow part of Route.
 */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`cache command exceeded ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
