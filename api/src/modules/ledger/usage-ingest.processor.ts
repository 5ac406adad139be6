import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { FieldViolation } from '../../grpc/sluice-error.js';
import { WORKER_RUN_RETRY_DELAY_MS } from '../../queue/redis-connection.js';
import { exponentialDelay, type Backoff } from '../../util/backoff.js';
import { errorMessage } from '../../util/error-message.js';
import { isDataRejection } from './ledger-errors.js';
import type { UsageReport } from './ledger.types.js';
import { MicroBatcher } from './micro-batcher.js';
import { USAGE_INGEST_QUEUE } from './usage-ingest.queue.js';
import type { UsageWriter } from './usage-writer.js';
import { usageViolations } from './validate-usage.js';

export interface UsageIngestOptions {
  readonly queueName?: string;
  /** Rows per INSERT, and the worker's concurrency: that many jobs can wait in one batch. */
  readonly batchSize?: number;
  /** How long a lone report waits for company before it is written anyway. */
  readonly maxWaitMs?: number;
  /** Between attempts while PostgreSQL is down: doubles, capped. */
  readonly retryBackoff?: Backoff;
  readonly onWarning?: (fields: object, message: string) => void;
}

/** A job from an older or foreign producer may not even have the shape the checks read. */
function violationsOf(data: UsageReport): FieldViolation[] {
  try {
    return usageViolations(data);
  } catch (error) {
    return [{ field: 'report', description: `malformed: ${errorMessage(error)}` }];
  }
}

/**
 * A job whose fetch reply was lost in a Redis cut sits "active" in Redis with nobody working on
 * it until BullMQ's stalled-job check hands it back: with the defaults (30 s lock, 30 s checks)
 * about a minute after Redis returns. Usage jobs last well under a second and the lock is renewed
 * at half its duration, so a 10 s lock checked every 5 s is safe and brings them back in ~15 s.
 * Writes are idempotent (the usage key), so a job stalled again and again is retried, never
 * failed for it (BullMQ fails a job stalled more than maxStalledCount times).
 */
const STALLED_JOB_RECOVERY = {
  lockDuration: 10_000,
  stalledInterval: 5_000,
  maxStalledCount: Number.MAX_SAFE_INTEGER,
} as const;

export const INGEST_DEFAULTS = {
  batchSize: 200,
  maxWaitMs: 250,
  retryBackoff: { initialMs: 1000, maxMs: 60_000 },
} as const;

/**
 * Consumes usage jobs and writes them in batches. BullMQ OSS has no batch fetch (that is Pro),
 * so the worker runs `batchSize` jobs concurrently and each hands its report to a MicroBatcher,
 * which writes up to batchSize rows per statement (or whatever arrived within maxWaitMs). A job
 * completes only after its row committed; if PostgreSQL is down the write fails, every job of the
 * batch fails its attempt and is retried with capped backoff: reports stay queued, none dropped.
 * Chosen over draining waiting jobs by hand (getJobs + moveToCompleted) because that would
 * re-implement BullMQ's locking and stalled-job recovery, which this way stays BullMQ's.
 */
export class UsageIngestProcessor {
  readonly worker: Worker<UsageReport>;
  private readonly batcher: MicroBatcher<UsageReport>;

  /** `connection`: a worker-role Redis (createRedisConnection(url, 'worker')); not closed here. */
  constructor(
    private readonly connection: Redis,
    writer: UsageWriter,
    options: UsageIngestOptions = {},
  ) {
    const batchSize = options.batchSize ?? INGEST_DEFAULTS.batchSize;
    const backoff = options.retryBackoff ?? INGEST_DEFAULTS.retryBackoff;
    this.batcher = new MicroBatcher<UsageReport>({
      maxItems: batchSize,
      maxWaitMs: options.maxWaitMs ?? INGEST_DEFAULTS.maxWaitMs,
      write: async (reports) => void (await writer.write(reports)),
      isolate: isDataRejection,
    });
    this.worker = new Worker<UsageReport>(
      options.queueName ?? USAGE_INGEST_QUEUE,
      (job) => this.process(job),
      {
        connection,
        concurrency: batchSize,
        runRetryDelay: WORKER_RUN_RETRY_DELAY_MS,
        ...STALLED_JOB_RECOVERY,
        settings: {
          backoffStrategy: (attemptsMade: number) => exponentialDelay(attemptsMade, backoff),
        },
      },
    );
    const warn = options.onWarning ?? (() => undefined);
    this.worker.on('error', (error) => warn({ err: errorMessage(error) }, 'Usage worker error'));
    this.worker.on('failed', (job, error) =>
      warn(
        { jobId: job?.id, attempts: job?.attemptsMade, err: errorMessage(error) },
        'Failed to write usage; will retry',
      ),
    );
  }

  private async process(job: Job<UsageReport>): Promise<void> {
    // Validated when enqueued; checked again because a queue outlives code versions.
    const violations = violationsOf(job.data);
    if (violations.length > 0) {
      throw new UnrecoverableError(`invalid usage report: ${JSON.stringify(violations)}`);
    }
    try {
      await this.batcher.add(job.data);
    } catch (error) {
      if (isDataRejection(error)) throw new UnrecoverableError(errorMessage(error));
      throw error;
    }
  }

  /**
   * Stops taking jobs, lets active ones finish (their batch is flushed), then returns. While
   * Redis is unreachable BullMQ's graceful close waits for it forever, and no job can complete
   * anyway: then the close is forced (a job whose row was written is redelivered later and
   * deduplicated by the table's key).
   */
  async close(): Promise<void> {
    const closing = this.worker.close(this.connection.status !== 'ready');
    await this.batcher.flush();
    await closing;
  }
}
