import { RouterService } from '@sluice/proto';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { DataSource } from 'typeorm';
import { createUnaryClient } from '../../dist/grpc/grpc-client.js';
import { LedgerRepository } from '../../dist/modules/ledger/ledger.repository.js';
import { UsageWriter } from '../../dist/modules/ledger/usage-writer.js';
import type { BenchApi } from './bench-api.js';
import { copyBaseline, type CopyFigures } from './copy-baseline.js';
import type { IngestClientSpec, StreamResult } from './ingest-client.js';
import { createTenant, usageReport } from './scratch.js';
import { ratio } from './stats.js';

export interface IngestFigures {
  readonly rows: number;
  /** The stream sent until the last row committed in usage_records (the whole pipeline). */
  readonly pipelineMs: number;
  /** The stream sent until its reply: what a ReportUsageStream caller waits for. */
  readonly acknowledgedMs: number;
  /** The same stream again: every report a duplicate. */
  readonly replayMs: number;
  readonly replay: { readonly accepted: number; readonly duplicate: number };
  /** Rows of the tenant after the replay (must equal `rows`). */
  readonly rowsAfterReplay: number;
  readonly baseline: CopyFigures;
  /** UsageWriter alone (COPY to staging + INSERT ... ON CONFLICT), batches of WRITER_BATCH. */
  readonly writerMs: number;
}

const WRITER_BATCH = 1000;

/** The goal's figures (issue 15: ingest >= 50% of COPY's rows/s), for the table and results. */
export function ingestRates(f: IngestFigures) {
  const perSecond = (ms: number) => f.rows / (ms / 1000);
  return {
    ingestRowsPerSecond: perSecond(f.pipelineMs),
    copyRowsPerSecond: perSecond(f.baseline.copyMs),
    ratioToCopy: ratio(perSecond(f.pipelineMs), perSecond(f.baseline.copyMs)),
  };
}

const POLICY = { namespace: 'default', name: 'default' };
/** Reports name a handful of decisions, as retries and fallbacks of one Route do. */
const DECISIONS = 16;

async function committed(dataSource: DataSource, tenantId: string): Promise<number> {
  const [row] = await dataSource.query<Array<{ n: number }>>(
    'SELECT count(*)::int AS n FROM usage_records WHERE tenant_id = $1',
    [tenantId],
  );
  return row?.n ?? 0;
}

async function untilCommitted(dataSource: DataSource, tenantId: string, rows: number) {
  const deadline = performance.now() + 300_000;
  while ((await committed(dataSource, tenantId)) < rows) {
    if (performance.now() > deadline) throw new Error(`usage rows not all committed in 300 s`);
    await sleep(5);
  }
}

/**
 * Usage ingest end to end as a caller sees it: ReportUsageStream over the API's gRPC port (the
 * whole API in this process, its production settings; the caller in a worker thread), until
 * every row is committed in
 * usage_records; then the same stream replayed (all duplicates); then the baseline, COPY FROM
 * STDIN of the very rows committed into a table of the same shape. `dataSource` is on the bench
 * API's database.
 */
export async function benchIngest(
  bench: BenchApi,
  dataSource: DataSource,
  rows: number,
): Promise<IngestFigures> {
  const { id: tenantId, token } = await bench.tenant('bench-ingest');
  const decisions = await routeDecisions(bench.grpcAddress, token);
  const spec: IngestClientSpec = { address: bench.grpcAddress, token, decisions, rows };
  const caller = new Worker(new URL('./ingest-client.js', import.meta.url), { workerData: spec });
  try {
    await once(caller, 'message');
    const send = async (): Promise<StreamResult> => {
      caller.postMessage('send');
      const [result] = (await once(caller, 'message')) as [StreamResult];
      return result;
    };
    const first = await send();
    if (first.accepted !== rows) throw new Error(`ingest accepted ${first.accepted} of ${rows}`);
    await untilCommitted(dataSource, tenantId, rows);
    const pipelineMs = performance.timeOrigin + performance.now() - first.startedAt;
    const replayed = await send();
    const rowsAfterReplay = await committed(dataSource, tenantId);
    const baseline = await copyBaseline(dataSource, tenantId);
    const writerMs = await writerAlone(dataSource, await createTenant(dataSource, 'writer'), rows);
    return {
      rows,
      pipelineMs,
      acknowledgedMs: first.repliedAt - first.startedAt,
      replayMs: replayed.repliedAt - replayed.startedAt,
      replay: { accepted: replayed.accepted, duplicate: replayed.duplicate },
      rowsAfterReplay,
      baseline,
      writerMs,
    };
  } finally {
    caller.postMessage('close');
    await once(caller, 'exit');
  }
}

/** Routes a few prompts: the decisions the reports name. */
async function routeDecisions(address: string, token: string): Promise<string[]> {
  const client = createUnaryClient(RouterService, address);
  const auth = { metadata: { authorization: `Bearer ${token}` } };
  try {
    return await Promise.all(
      Array.from({ length: DECISIONS }, async (_, i) => {
        const prompt = { case: 'text' as const, value: `Extract the invoice number ${i}.` };
        const { decision } = await client.route({ policy: POLICY, prompt }, auth);
        return decision?.decisionId ?? '';
      }),
    );
  } finally {
    client.close();
  }
}

/**
 * The ledger's part of the pipeline alone: the same number of reports written by UsageWriter in
 * batches as DirectUsage sends them, one after the other, for a tenant of their own. Splits the
 * gap to COPY between PostgreSQL's work (the staging COPY and INSERT ... ON CONFLICT) and the
 * rest (gRPC, validation, the decision lookup, batching).
 */
async function writerAlone(dataSource: DataSource, tenantId: string, rows: number) {
  const writer = new UsageWriter(dataSource, new LedgerRepository(dataSource));
  const reports = Array.from({ length: rows }, (_, i) => usageReport(tenantId, i));
  const started = performance.now();
  for (let i = 0; i < rows; i += WRITER_BATCH)
    await writer.write(reports.slice(i, i + WRITER_BATCH));
  return performance.now() - started;
}
