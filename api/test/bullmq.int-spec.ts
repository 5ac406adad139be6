import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { createRedisConnection, PRODUCER_QUEUE_OPTIONS } from '../src/queue/redis-connection.js';
import { tcpProxy } from './support/tcp-proxy.js';

const REDIS_URL = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');

/** Every test gets its own queue, so leftovers of one can never be processed by another. */
const queueName = (): string => `sluice-it-${randomUUID()}`;

interface Payload {
  readonly tenant: string;
  readonly tokens: number;
}

/** Resolves with the job's id when `worker` completes it, rejects if the job fails. */
function settled(worker: Worker<Payload>): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    worker.once('completed', (job: Job<Payload>) => resolve(job.id));
    worker.once('failed', (_job, error: Error) => reject(error));
  });
}

async function eventually(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('BullMQ on our Redis connections', () => {
  const cleanup: Array<() => Promise<unknown>> = [];

  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  function connection(role: 'producer' | 'worker', url = REDIS_URL): Redis {
    const redis = createRedisConnection(url.toString(), role, `sluice-it-${role}`);
    // ioredis prints unhandled connection errors; the tests assert outcomes instead.
    redis.on('error', () => undefined);
    cleanup.push(async () => {
      if (redis.status === 'ready') await redis.quit();
      else redis.disconnect();
    });
    return redis;
  }

  it('names its connections for CLIENT LIST', async () => {
    const producer = connection('producer');
    const worker = connection('worker');
    // A producer refuses commands until it is ready (no offline queue), so wait for that.
    await eventually(() => producer.status === 'ready', 5000);

    await expect(producer.client('GETNAME')).resolves.toBe('sluice-it-producer');
    await expect(worker.client('GETNAME')).resolves.toBe('sluice-it-worker');
  });

  it('processes a job enqueued by a producer on a worker connection', async () => {
    const name = queueName();
    const queue = new Queue<Payload>(name, { connection: connection('producer') });
    cleanup.push(() => queue.close());
    cleanup.push(() => queue.obliterate({ force: true }));
    const seen: Payload[] = [];
    const worker = new Worker<Payload>(
      name,
      (job) => {
        seen.push(job.data);
        return Promise.resolve({ charged: job.data.tokens * 2 });
      },
      { connection: connection('worker') },
    );
    cleanup.push(() => worker.close());
    const done = settled(worker);

    const job = await queue.add('charge', { tenant: 'search', tokens: 21 });

    await expect(done).resolves.toBe(job.id);
    expect(seen).toEqual([{ tenant: 'search', tokens: 21 }]);
    const stored = await queue.getJob(job.id ?? '');
    expect(stored?.returnvalue).toEqual({ charged: 42 });
    await expect(stored?.getState()).resolves.toBe('completed');
  });

  it('fails fast while Redis is down and enqueues once it is back', async () => {
    const proxy = await tcpProxy({
      host: REDIS_URL.hostname,
      port: Number(REDIS_URL.port || 6379),
    });
    cleanup.push(() => proxy.close());
    const viaProxy = new URL(REDIS_URL);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const producer = connection('producer', viaProxy);
    const queue = new Queue<Payload>(queueName(), {
      connection: producer,
      ...PRODUCER_QUEUE_OPTIONS,
    });
    cleanup.push(() => queue.close());
    // BullMQ relays the connection's errors; without a listener it prints them.
    queue.on('error', () => undefined);

    // Down, as in an outage: the first connect failed and ioredis is waiting to retry.
    await eventually(() => producer.status === 'reconnecting', 5000);
    const started = Date.now();
    await expect(queue.add('charge', { tenant: 'a', tokens: 1 })).rejects.toThrow(
      /enableOfflineQueue/,
    );
    expect(Date.now() - started).toBeLessThan(500);

    await proxy.open();
    await eventually(() => producer.status === 'ready', 10_000);
    cleanup.push(() => queue.obliterate({ force: true }));
    await queue.add('charge', { tenant: 'a', tokens: 2 });
    await expect(queue.getJobCounts('waiting')).resolves.toEqual({ waiting: 1 });
  }, 20_000);
});
