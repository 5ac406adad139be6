import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { SluiceError } from '../../grpc/sluice-error.js';
import { errorMessage } from '../../util/error-message.js';
import { isDataRejection } from '../ledger/ledger-errors.js';
import { LedgerEventsRepository, type DecisionRecord } from '../ledger/ledger-events.repository.js';
import type { UsageReport } from '../ledger/ledger.types.js';
import { writeIsolating, type Refused } from '../ledger/write-isolating.js';
import { RetryBuffer } from './retry-buffer.js';
import { RouterMetrics } from './router-metrics.js';
import { NOT_TAKEN, UsageDelivery } from './usage-delivery.js';

const CAPACITY = 100_000;

/**
 * Where the Router's books go. Decisions: batched into route_decisions off the hot path, held in
 * memory while PostgreSQL is down. Usage: written to the ledger before the ack, or enqueued for
 * the ledger's worker (BullMQ) while PostgreSQL fails and Redis persists (UsageDelivery); while
 * Redis is down,
 * buffered and written straight to the ledger (the usage key dedupes it against a later retry
 * through the queue), so an acknowledged report waits in this process's memory only while Redis
 * and PostgreSQL are both away, and is enqueued or written when either returns. A full
 * usage buffer refuses the report (UNAVAILABLE: the caller retries), so nothing acknowledged is
 * dropped; a full decision buffer drops rows (counted), never a call.
 */
@Injectable()
export class LedgerSink implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly decisions: RetryBuffer<DecisionRecord>;
  private readonly usage: RetryBuffer<UsageReport>;

  constructor(
    events: LedgerEventsRepository,
    private readonly delivery: UsageDelivery,
    private readonly metrics: RouterMetrics,
    private readonly logger: PinoLogger,
  ) {
    this.decisions = new RetryBuffer<DecisionRecord>({
      capacity: CAPACITY,
      maxBatch: 500,
      intervalMs: 200,
      deliver: async (batch) => {
        // A row PostgreSQL refuses must not hold back every later decision of every tenant.
        const refused = await writeIsolating(
          batch,
          (b) => events.recordDecisions(b),
          isDataRejection,
        );
        refused.forEach((r) => this.setAside('decision', r));
        return batch.length;
      },
      onError: (error, waiting) =>
        this.logger.warn(
          { err: errorMessage(error), waiting },
          'Failed to record decisions; will retry',
        ),
      onSize: (size) => metrics.buffered.set({ kind: 'decision' }, size),
    });
    this.usage = new RetryBuffer<UsageReport>({
      capacity: CAPACITY,
      maxBatch: 500,
      intervalMs: 1000,
      deliver: (batch) => delivery.deliver(batch, (r) => this.setAside('usage', r)),
      onError: (error, waiting) =>
        this.logger.warn(
          { err: errorMessage(error), waiting },
          'Failed to enqueue or write buffered usage; will retry',
        ),
      onSize: (size) => metrics.buffered.set({ kind: 'usage' }, size),
    });
  }

  onApplicationBootstrap(): void {
    this.decisions.start();
    this.usage.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.decisions.stop(), this.usage.stop()]);
    const left = { decisions: this.decisions.size, usage: this.usage.size };
    if (left.decisions + left.usage > 0) this.logger.error(left, 'Shut down with unrecorded items');
  }

  recordDecision(record: DecisionRecord): void {
    if (this.decisions.add(record)) return;
    this.metrics.dropped.inc({ kind: 'decision' });
  }

  /**
   * Books a validated report; `duplicate` when its key is already queued or booked. Only while
   * neither Redis nor PostgreSQL takes it is it acknowledged from this process's memory.
   */
  async submitUsage(report: UsageReport): Promise<{ duplicate: boolean }> {
    // Behind a backlog, a report waits its turn: enqueueing it first would reorder the books.
    if (this.usage.size === 0) {
      const taken = await this.delivery.submit(report);
      if (taken !== NOT_TAKEN) return taken;
    }
    if (!this.usage.add(report))
      throw SluiceError.unavailable('usage cannot be accepted now (ledger unreachable); retry');
    return { duplicate: false };
  }

  /** A dead letter: counted and logged with what identifies it, never retried. */
  private setAside(
    kind: 'decision' | 'usage',
    { item, error }: Refused<DecisionRecord | UsageReport>,
  ) {
    this.metrics.setAside.inc({ kind });
    const { tenantId, decisionId } = item;
    this.logger.error(
      { kind, tenantId, decisionId, err: errorMessage(error) },
      'Set aside a row PostgreSQL refused; the rest of its batch was recorded',
    );
  }
}
