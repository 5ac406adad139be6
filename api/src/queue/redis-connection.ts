import { Redis, type RedisOptions } from 'ioredis';
import { exponentialDelay, type Backoff } from '../util/backoff.js';

/** Workers block on Redis and must wait out outages; producers serve requests and must not. */
export type RedisRole = 'worker' | 'producer';

// Capped at 5 s, not BullMQ's suggested 20 s: usage waits in memory during an outage, and a
// reconnect attempt every 5 s costs Redis nothing worth the extra quarter-minute of backlog.
export const RECONNECT_BACKOFF: Backoff = { initialMs: 500, maxMs: 5_000 };

/**
 * BullMQ Worker option: how long a worker waits after a failed fetch or completion before trying
 * again (BullMQ's default is 15 s). Its blocking connection already waits out the outage
 * itself, so a short delay only saves the time between Redis returning and work resuming.
 */
export const WORKER_RUN_RETRY_DELAY_MS = 1_000;

/** A command in flight when the connection drops is resent once after reconnecting, then fails. */
const PRODUCER_MAX_RETRIES = 1;

/**
 * ioredis options per BullMQ's production guide (docs.bullmq.io/guide/going-to-production).
 * Both roles reconnect forever: retryStrategy always returns a delay, never null.
 */
export function redisOptions(role: RedisRole, connectionName: string): RedisOptions {
  const common = {
    // Shown by CLIENT LIST, so an operator can tell whose connections fill Redis.
    connectionName,
    retryStrategy: (times: number) => exponentialDelay(times, RECONNECT_BACKOFF),
  };
  if (role === 'worker') {
    // BullMQ refuses worker connections otherwise: blocking fetches must outlive reconnects.
    return { ...common, maxRetriesPerRequest: null };
  }
  // Fail fast: while Redis is down, an enqueue errors at once instead of hanging the request.
  return { ...common, maxRetriesPerRequest: PRODUCER_MAX_RETRIES, enableOfflineQueue: false };
}

/**
 * A connection to pass as BullMQ's `connection`. Share one per role per process: a Worker
 * duplicates it (for its commands and its blocking fetch) and closes the copies itself, a Queue
 * uses it as is; neither closes it, so `quit()` it after closing them. Give producer Queues
 * `PRODUCER_QUEUE_OPTIONS` too.
 */
export function createRedisConnection(url: string, role: RedisRole, name?: string): Redis {
  return new Redis(url, redisOptions(role, name ?? `sluice-${role}`));
}

/**
 * For a Queue on a producer connection. By default a Queue waits for Redis to be ready before
 * its first command, so adds hang while Redis is down; and its version check, refused at once
 * without an offline queue, would leave the Queue broken for good. With both skipped, each add
 * fails fast during an outage and succeeds again once Redis is back.
 */
export const PRODUCER_QUEUE_OPTIONS = {
  skipWaitingForReady: true,
  skipVersionCheck: true,
} as const;
