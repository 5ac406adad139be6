// The API under soak, alone in this process (forked by soak.ts with --expose-gc), so what it
// measures is the API's memory and nothing of the load generator's. It answers the parent's
// questions over IPC: where to call, how much memory after a full GC, a heap snapshot.
import 'reflect-metadata';
import { statSync } from 'node:fs';
import { getHeapStatistics, writeHeapSnapshot } from 'node:v8';
import { startBenchApi, type BenchApi } from './bench-api.js';
import { benchRoutingView } from './route-setup.js';
import { structureSizes } from './soak-structures.js';

export type SoakQuestion =
  | { readonly type: 'memory' }
  | { readonly type: 'snapshot'; readonly file: string }
  | { readonly type: 'stop' };

export interface MemoryReading {
  readonly rssBytes: number;
  /** Live heap after a full GC: what a leak grows. */
  readonly heapUsedBytes: number;
  readonly heapTotalBytes: number;
  readonly externalBytes: number;
  /** Entries of the API's in-memory structures (README, "Memory bounds"). */
  readonly structures: Record<string, number>;
}

const gc = (globalThis as { gc?: () => void }).gc;

async function answer(
  bench: BenchApi,
  question: SoakQuestion,
  reply: (message: unknown) => void,
): Promise<void> {
  if (question.type === 'memory') {
    gc?.();
    const usage = process.memoryUsage();
    reply({
      rssBytes: usage.rss,
      heapUsedBytes: getHeapStatistics().used_heap_size,
      heapTotalBytes: usage.heapTotal,
      externalBytes: usage.external,
      structures: await structureSizes(bench.app),
    } satisfies MemoryReading);
  } else if (question.type === 'snapshot') {
    const file = writeHeapSnapshot(question.file);
    reply({ file, bytes: statSync(file).size });
  } else {
    await bench.close();
    process.exit(0);
  }
}

async function main(): Promise<void> {
  // The API's own settings pass through (DECISION_MEMORY_MB: a smaller bound plateaus sooner).
  const env = Object.fromEntries(
    ['DECISION_MEMORY_MB'].flatMap((name) => {
      const value = process.env[name];
      return value === undefined ? [] : [[name, value]];
    }),
  );
  const bench = await startBenchApi(benchRoutingView(), env);
  const { token } = await bench.tenant('soak');
  const reply = (message: unknown) => process.send?.(message);
  process.on('message', (question: SoakQuestion) => void answer(bench, question, reply));
  reply({ address: bench.grpcAddress, token });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
