// The bench shares the local Redis with everyone's tests and runs; it takes back what it wrote.
import { Queue } from 'bullmq';
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
 * Removes the decisions Route remembered for a tenant (api/src/modules/router/decision-store.ts
 * keys them `sluice:router:v1:decision:<tenant>:<id>`, kept a day): a bench run leaves thousands.
 */
export async function forgetDecisions(redisUrl: string, tenantId: string): Promise<number> {
  const connection = createRedisConnection(redisUrl, 'worker', 'sluice-bench-cleanup');
  const match = `sluice:router:v1:decision:${tenantId}:*`;
  let removed = 0;
  try {
    for await (const keys of connection.scanStream({ match, count: 1000 })) {
      const batch = keys as string[];
      if (batch.length > 0) removed += await connection.unlink(...batch);
    }
  } finally {
    await connection.quit();
  }
  return removed;
}
