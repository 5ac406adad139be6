import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { PRODUCER_QUEUE_OPTIONS, WORKER_RUN_RETRY_DELAY_MS } from '../../queue/redis-connection.js';
import { errorMessage } from '../../util/error-message.js';
import type { UsageRollup } from '../ledger/usage-rollup.js';

export const ROLLUP_QUEUE = 'sluice-usage-rollup';
const SCHEDULER_ID = 'usage-rollup';
export const ROLLUP_EVERY_MS = 5 * 60_000;

export interface RollupScheduleOptions {
  readonly queueName?: string;
  readonly everyMs?: number;
  readonly onWarning?: (fields: object, message: string) => void;
}

/**
 * Runs `rollupHours(now)` every few minutes on a BullMQ job scheduler. The scheduler has one id,
 * so any number of API replicas upserting it make one schedule, and one job per tick runs on
 * whichever replica fetches it; rollupHours' advisory lock covers overlaps anyway. A missed or
 * failed tick costs nothing: readers add the unrolled tail (usage-rollup.ts), so rollups only
 * make reads cheaper, never different.
 */
export class RollupScheduler {
  private readonly queue: Queue;
  private readonly worker: Worker;

  /** `producer` is shared (not closed here); `worker` a worker-role connection (not closed). */
  constructor(
    connections: { producer: Redis; worker: Redis },
    rollup: UsageRollup,
    private readonly options: RollupScheduleOptions = {},
  ) {
    const name = options.queueName ?? ROLLUP_QUEUE;
    this.queue = new Queue(name, { connection: connections.producer, ...PRODUCER_QUEUE_OPTIONS });
    this.worker = new Worker(name, async () => (await rollup.rollupHours(new Date())).length, {
      connection: connections.worker,
      concurrency: 1,
      runRetryDelay: WORKER_RUN_RETRY_DELAY_MS,
    });
    const warn = options.onWarning ?? (() => undefined);
    this.worker.on('error', (error) => warn({ err: errorMessage(error) }, 'Rollup worker error'));
    this.worker.on('failed', (job, error) =>
      warn(
        { jobId: job?.id, err: errorMessage(error) },
        'Failed to roll up usage; next tick retries',
      ),
    );
  }

  /** Creates or updates the schedule; idempotent. */
  async start(): Promise<void> {
    await this.queue.upsertJobScheduler(
      SCHEDULER_ID,
      { every: this.options.everyMs ?? ROLLUP_EVERY_MS },
      { name: 'rollup', opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } } },
    );
  }

  async close(): Promise<void> {
    await this.worker.close();
    await this.queue.close();
  }
}
