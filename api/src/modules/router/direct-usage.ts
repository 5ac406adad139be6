import { Injectable } from '@nestjs/common';
import type { UsageReport } from '../ledger/ledger.types.js';
import { isDataRejection } from '../ledger/ledger-errors.js';
import { MicroBatcher } from '../ledger/micro-batcher.js';
import { usageKey, UsageWriter } from '../ledger/usage-writer.js';
import { RouterMetrics } from './router-metrics.js';

interface Pending {
  readonly report: UsageReport;
  duplicate: boolean;
}

/**
 * Reports written to PostgreSQL before they are acknowledged (a Redis without persistence):
 * concurrent calls share one INSERT (a millisecond's company, 200 rows at most), and each learns
 * from ON CONFLICT DO NOTHING ... RETURNING whether its key was new, so `duplicate` is exact.
 */
@Injectable()
export class DirectUsage {
  private readonly batcher: MicroBatcher<Pending>;

  constructor(
    private readonly writer: UsageWriter,
    private readonly metrics: RouterMetrics,
  ) {
    this.batcher = new MicroBatcher<Pending>({
      maxItems: 200,
      maxWaitMs: 1,
      write: async (batch) => {
        const inserted = await writer.writeKeys(batch.map((p) => p.report));
        const fresh = new Set(inserted);
        // The first of two equal keys in one batch is the new one, the second a duplicate.
        for (const p of batch)
          p.duplicate = !fresh.delete(usageKey(p.report.tenantId, p.report.idempotencyKey));
      },
      isolate: isDataRejection,
    });
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
    await this.writer.write(batch);
    this.metrics.usageWrittenDirectly.inc(batch.length);
  }
}
