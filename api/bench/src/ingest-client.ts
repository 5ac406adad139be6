// Runs in a worker thread: the ReportUsageStream caller of the ingest bench, so that building and
// sending the messages is not done on the API's event loop (as the Route bench's load-worker).
import { RouterService, UsageStatus } from '@sluice/proto';
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { createUnaryClient } from '../../dist/grpc/grpc-client.js';

export interface IngestClientSpec {
  readonly address: string;
  readonly token: string;
  readonly decisions: readonly string[];
  readonly rows: number;
}

/** Posted after each stream the parent asks for ('send'). */
export interface StreamResult {
  readonly startedAt: number;
  readonly repliedAt: number;
  readonly accepted: number;
  readonly duplicate: number;
  readonly rejected: number;
}

const spec = workerData as IngestClientSpec;
const auth = { metadata: { authorization: `Bearer ${spec.token}` } };
// Without retries grpc-js keeps no copy of each sent message (clearSentMessages was the top
// frame of this thread's profile), which a caller streaming many small messages does not need.
const client = createUnaryClient(RouterService, spec.address, { 'grpc.enable_retries': 0 });
const messages = Array.from({ length: spec.rows }, (_, i) => ({
  usage: {
    decisionId: spec.decisions[i % spec.decisions.length] ?? '',
    idempotencyKey: `bench-${i}`,
    inputTokens: 200 + (i % 900),
    outputTokens: 20 + (i % 300),
    latencyMs: 80 + (i % 400),
    status: UsageStatus.OK,
  },
}));

parentPort?.on('message', (command: 'send' | 'close') => {
  if (command === 'close') {
    client.close();
    parentPort?.close();
    return;
  }
  // performance.timeOrigin differs per thread: both ends of the stream in epoch milliseconds.
  const startedAt = performance.timeOrigin + performance.now();
  void client.reportUsageStream(messages, auth).then((reply) =>
    parentPort?.postMessage({
      startedAt,
      repliedAt: performance.timeOrigin + performance.now(),
      accepted: Number(reply.acceptedCount),
      duplicate: Number(reply.duplicateCount),
      rejected: Number(reply.rejectedCount),
    } satisfies StreamResult),
  );
});
parentPort?.postMessage('ready');
