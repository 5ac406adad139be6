import { Injectable } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import type { UsageReport } from '../ledger/ledger.types.js';
import { isDataRejection } from '../ledger/ledger-errors.js';
import { MicroBatcher } from '../ledger/micro-batcher.js';
import { usageKey, UsageWriter } from '../ledger/usage-writer.js';
import { RouterMetrics } from './router-metrics.js';

/** Rows per COPY + INSERT: large enough that the per-statement costs fade. */
const BATCH = 1000;
/** Batches in flight at once: PostgreSQL works on one while the next fills. */
const WRITES_IN_FLIGHT = 2;

interface Pending {
  readonly report: UsageReport;
  duplicate: boolean;
}

/** After a failure that is not the data's, reports go to a durable queue this long first. */
export const DIRECT_COOL_DOWN_MS = 2000;

/**
 * Reports written to PostgreSQL before they are acknowledged: concurrent calls (and the messages
 * of one ReportUsageStream) share one COPY + INSERT (a millisecond's company, BATCH rows at most,
 * several batches in flight on the pool), and each learns from ON CONFLICT DO NOTHING ...
 * RETURNING whether its key was new, so `duplicate` is exact whatever any queue retains.
 */
@Injectable()
export class DirectUsage {
  private readonly batcher: MicroBatcher<Pending>;
  private failedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly writer: UsageWriter,
    private readonly metrics: RouterMetrics,
  ) {
    this.batcher = new MicroBatcher<Pending>({
      maxItems: BATCH,
      maxWaitMs: 1,
      maxConcurrentWrites: WRITES_IN_FLIGHT,
      write: async (batch) => {
        const inserted = await this.noteFailure(writer.writeKeys(batch.map((p) => p.report)));
        const fresh = new Set(inserted);
        // The first of two equal keys in one batch is the new one, the second a duplicate.
        for (const p of batch)
          p.duplicate = !fresh.delete(usageKey(p.report.tenantId, p.report.idempotencyKey));
      },
      isolate: isDataRejection,
    });
  }

  /** False for a while after PostgreSQL failed a write for a reason other than the data. */
  get healthy(): boolean {
    return performance.now() - this.failedAt > DIRECT_COOL_DOWN_MS;
  }

  /** Resolves once the row committed (or already existed); rejects with the database's error. */
  async write(report: UsageReport): Promise<{ duplicate: boolean }> {
    const pending: Pending = { report, duplicate: false };
    await this.batcher.add(pending);
    this.metrics.usageWrittenDirectly.inc();
    return { duplicate: pending.duplicate };
  }

  /** A buffered batch, all or nothing (the buffer keeps it on failure). */
  async writeAll(batch: readonly UsageReport[]): Promise<void> {
    await this.noteFailure(this.writer.write(batch));
    this.metrics.usageWrittenDirectly.inc(batch.length);
  }

  private async noteFailure<T>(writing: Promise<T>): Promise<T> {
    try {
      return await writing;
    } catch (error) {
      if (!isDataRejection(error)) this.failedAt = performance.now();
      throw error;
    }
  }
}
