import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { GrpcStatus, SluiceError } from '../../grpc/sluice-error.js';
import { PRODUCER_QUEUE_OPTIONS } from '../../queue/redis-connection.js';
import type { UsageReport } from './ledger.types.js';
import { usageViolations } from './validate-usage.js';

export const USAGE_INGEST_QUEUE = 'sluice-usage-ingest';
export const USAGE_JOB = 'usage';
/** The worker's backoffStrategy handles this type (usage-ingest.processor.ts). */
export const INGEST_BACKOFF_TYPE = 'ledger-capped';

/**
 * Never give up on a report: with a capped backoff (a minute at most) this is years of retrying.
 * A report is dropped only by a person, from the failed set, never by a database outage.
 */
export const INGEST_ATTEMPTS = 1_000_000;

/**
 * One id per (tenant, idempotency key): BullMQ ignores an add whose id is still stored, so a
 * retried report is deduplicated before it reaches PostgreSQL while its job is retained; after
 * that the table's primary key does it. Hashed: keys are caller-chosen and ':' is reserved.
 */
export function usageJobId(report: Pick<UsageReport, 'tenantId' | 'idempotencyKey'>): string {
  const digest = createHash('sha256').update(`${report.tenantId}\n${report.idempotencyKey}`);
  return `usage-${digest.digest('hex')}`;
}

const JOB_OPTIONS: JobsOptions = {
  attempts: INGEST_ATTEMPTS,
  backoff: { type: INGEST_BACKOFF_TYPE },
  // Bounded retention (BullMQ production guide); an hour of dedup window, 10k jobs at most.
  removeOnComplete: { age: 3600, count: 10_000 },
  // Failed jobs are kept: a poison report waits for a person instead of vanishing.
  removeOnFail: false,
};

/** Producer side of usage ingest: validates and enqueues; fails fast while Redis is down. */
export class UsageIngestQueue {
  readonly queue: Queue<UsageReport>;

  constructor(connection: Redis, name = USAGE_INGEST_QUEUE) {
    this.queue = new Queue<UsageReport>(name, { connection, ...PRODUCER_QUEUE_OPTIONS });
  }

  /** Resolves with the job id once Redis holds the report; INVALID_ARGUMENT names bad fields. */
  async report(report: UsageReport): Promise<string> {
    const violations = usageViolations(report);
    if (violations.length > 0) {
      const fields = violations.map((v) => `${v.field}: ${v.description}`).join('; ');
      throw new SluiceError(GrpcStatus.INVALID_ARGUMENT, fields, violations);
    }
    const jobId = usageJobId(report);
    await this.queue.add(USAGE_JOB, report, { ...JOB_OPTIONS, jobId });
    return jobId;
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
