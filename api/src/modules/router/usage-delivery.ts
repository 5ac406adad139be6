import { Injectable } from '@nestjs/common';
import { GrpcStatus, SluiceError } from '../../grpc/sluice-error.js';
import { RedisPersistenceMonitor } from '../../queue/redis-persistence-monitor.js';
import { errorMessage } from '../../util/error-message.js';
import { BookedUsageRepository } from '../ledger/booked-usage.repository.js';
import { isDataRejection } from '../ledger/ledger-errors.js';
import type { UsageReport } from '../ledger/ledger.types.js';
import { UsageIngestQueue, usageJobId } from '../ledger/usage-ingest.queue.js';
import { writeIsolating, type Refused } from '../ledger/write-isolating.js';
import { DirectUsage } from './direct-usage.js';

/** Neither Redis nor PostgreSQL took the report now: the caller holds it in memory. */
export const NOT_TAKEN = 'not-taken';

/**
 * Where one usage report goes before it is acknowledged, so that no acknowledged report rests on
 * a single copy a restart can erase (router README, "Durable acknowledgement"):
 * - PostgreSQL up: the ledger itself, the row committed before the ack (DirectUsage batches
 *   concurrent reports; `duplicate` is the table key's answer);
 * - PostgreSQL down (or failing lately) and Redis persists (AOF), or USAGE_VOLATILE_ACK=true: the
 *   ingest queue, whose worker books it when PostgreSQL is back;
 * - PostgreSQL down and Redis does not persist, or its persistence is unknown: UNAVAILABLE (retry
 *   later), or this replica's memory while Redis is unreachable too (LedgerSink).
 */
@Injectable()
export class UsageDelivery {
  constructor(
    private readonly queue: UsageIngestQueue,
    private readonly persistence: RedisPersistenceMonitor,
    private readonly booked: BookedUsageRepository,
    private readonly direct: DirectUsage,
  ) {}

  /** Takes one report now, or answers NOT_TAKEN (both stores unreachable); may refuse. */
  async submit(report: UsageReport): Promise<{ duplicate: boolean } | typeof NOT_TAKEN> {
    const durableQueue = this.persistence.queueIsDurable;
    // While the ledger fails, do not make every report wait for its timeout first.
    if (durableQueue && !this.direct.healthy) return this.enqueue(report);
    try {
      return await this.direct.write(report);
    } catch (error) {
      if (isDataRejection(error)) throw rejected(error);
      if (durableQueue) return this.enqueue(report);
      // A volatile Redis is up: enqueueing would ack a report one Redis restart can erase.
      if (this.persistence.persistence !== undefined)
        throw SluiceError.unavailable(
          'usage cannot be accepted now (ledger unreachable, and Redis does not persist); retry',
          error,
        );
      return NOT_TAKEN;
    }
  }

  /**
   * A buffered batch: to the queue if it is durable, else (or if Redis refuses even the first)
   * written to PostgreSQL directly, rows PostgreSQL refuses as data set aside (`onRefused`) so one
   * never holds back the rest. Answers how many of the batch, from the front, it delivered.
   */
  async deliver(
    batch: readonly UsageReport[],
    onRefused: (refused: Refused<UsageReport>) => void,
  ): Promise<number> {
    let queueError: unknown = 'Redis does not persist';
    if (this.persistence.queueIsDurable) {
      try {
        return await this.enqueueInOrder(batch);
      } catch (error) {
        queueError = error;
      }
    }
    try {
      const write = (b: readonly UsageReport[]) => this.direct.writeAll(b);
      (await writeIsolating(batch, write, isDataRejection)).forEach(onRefused);
    } catch (writeError) {
      // Both ways, so the warning says why each failed.
      const why = `queue: ${errorMessage(queueError)}; ledger: ${errorMessage(writeError)}`;
      throw new Error(why, { cause: writeError });
    }
    return batch.length;
  }

  /**
   * `duplicate` when the key is queued or, the job gone from BullMQ's retention, already in the
   * ledger (both asked at once; a ledger that cannot say in time counts as "not booked", and
   * the table's key still books it once).
   */
  private async enqueue(report: UsageReport): Promise<{ duplicate: boolean } | typeof NOT_TAKEN> {
    const booked = this.booked.isBooked(report.tenantId, report.idempotencyKey);
    try {
      const existing = await this.queue.queue.getJob(usageJobId(report));
      if (existing !== undefined || (await booked) === true) return { duplicate: true };
      await this.queue.report(report);
      return { duplicate: false };
    } catch (error) {
      if (error instanceof SluiceError && error.code === GrpcStatus.INVALID_ARGUMENT) throw error;
      return NOT_TAKEN;
    }
  }

  private async enqueueInOrder(batch: readonly UsageReport[]): Promise<number> {
    let delivered = 0;
    try {
      for (const report of batch) {
        await this.queue.report(report);
        delivered += 1;
      }
    } catch (error) {
      // What went through stays delivered; the rest is retried next round.
      if (delivered === 0) throw error;
    }
    return delivered;
  }
}

/** PostgreSQL refused the row itself: retrying cannot help, so never UNAVAILABLE. */
function rejected(error: unknown): SluiceError {
  return new SluiceError(
    GrpcStatus.INVALID_ARGUMENT,
    `usage: refused by the ledger: ${errorMessage(error)}`,
    [{ field: 'usage', description: `refused by the ledger: ${errorMessage(error)}` }],
    { cause: error },
  );
}
