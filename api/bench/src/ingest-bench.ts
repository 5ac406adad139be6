import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { LedgerRepository } from '../../dist/modules/ledger/ledger.repository.js';
import type { UsageReport } from '../../dist/modules/ledger/ledger.types.js';
import { UsageIngestProcessor } from '../../dist/modules/ledger/usage-ingest.processor.js';
import { UsageIngestQueue } from '../../dist/modules/ledger/usage-ingest.queue.js';
import { UsageWriter } from '../../dist/modules/ledger/usage-writer.js';
import { createRedisConnection } from '../../dist/queue/redis-connection.js';
import { createTenant, usageReport } from './scratch.js';
import { insertRaw } from './raw-insert.js';

export interface IngestFigures {
  readonly rows: number;
  /** Enqueue (BullMQ add per report, 64 in flight) until the last row committed in usage_records. */
  readonly pipelineMs: number;
  /** Until the last report was in Redis: the part of pipelineMs a ReportUsage caller waits for. */
  readonly enqueueMs: number;
  /** One INSERT ... SELECT FROM unnest of the same rows, already priced, into a copy of the table. */
  readonly rawInsertMs: number;
}

const MODEL = { namespace: 'ml', name: 'gpt-frontier' };
const ENQUEUE_IN_FLIGHT = 64;

function reportsFor(tenantId: string, rows: number): UsageReport[] {
  return Array.from({ length: rows }, (_, i) => usageReport(tenantId, i));
}

async function enqueueAll(queue: UsageIngestQueue, reports: readonly UsageReport[]): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let i = next++; i < reports.length; i = next++) {
      const report = reports[i];
      if (report !== undefined) await queue.report(report);
    }
  };
  await Promise.all(Array.from({ length: ENQUEUE_IN_FLIGHT }, lane));
}

async function committed(dataSource: DataSource, tenantId: string): Promise<number> {
  const [row] = await dataSource.query<Array<{ n: number }>>(
    'SELECT count(*)::int AS n FROM usage_records WHERE tenant_id = $1',
    [tenantId],
  );
  return row?.n ?? 0;
}

async function untilCommitted(
  dataSource: DataSource,
  tenantId: string,
  rows: number,
): Promise<void> {
  const deadline = performance.now() + 120_000;
  while ((await committed(dataSource, tenantId)) < rows) {
    if (performance.now() > deadline) throw new Error(`usage rows not all committed in 120 s`);
    await sleep(20);
  }
}

function connect(redisUrl: string, role: 'producer' | 'worker'): Redis {
  const connection = createRedisConnection(redisUrl, role, `sluice-bench-${role}`);
  connection.on('error', () => undefined);
  return connection;
}

/**
 * Usage ingest as the API runs it (UsageIngestQueue -> BullMQ -> UsageIngestProcessor with its
 * production batch settings -> UsageWriter), on a queue of its own, then the same rows written
 * raw. `dataSource` is on a migrated throwaway database.
 */
export async function benchIngest(
  dataSource: DataSource,
  redisUrl: string,
  rows: number,
): Promise<IngestFigures> {
  const ledger = new LedgerRepository(dataSource);
  const prices = { provider: 'external', inputPer1M: '2.50', outputPer1M: '10.00' } as const;
  await ledger.recordPrice(MODEL, prices, new Date('2026-01-01T00:00:00Z'));
  const tenantId = await createTenant(dataSource, 'bench');
  const reports = reportsFor(tenantId, rows);

  const producer = connect(redisUrl, 'producer');
  const workerConnection = connect(redisUrl, 'worker');
  while (producer.status !== 'ready') await sleep(10);
  const queue = new UsageIngestQueue(producer, `sluice-bench-usage-${randomUUID()}`);
  const processor = new UsageIngestProcessor(
    workerConnection,
    new UsageWriter(dataSource, ledger),
    {
      queueName: queue.queue.name,
    },
  );
  try {
    const started = performance.now();
    await enqueueAll(queue, reports);
    const enqueueMs = performance.now() - started;
    await untilCommitted(dataSource, tenantId, rows);
    const pipelineMs = performance.now() - started;
    const rawInsertMs = await insertRaw(dataSource, ledger, reports);
    return { rows, pipelineMs, enqueueMs, rawInsertMs };
  } finally {
    await processor.close();
    await queue.queue.obliterate({ force: true });
    await queue.close();
    await producer.quit();
    await workerConnection.quit();
  }
}
