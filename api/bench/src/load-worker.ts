// Runs in a worker thread, so the load generator's event loop is not the server's.
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import type { LoadMessage, LoadSpec } from './load.js';
import { openTarget, type Target } from './targets.js';

interface Loop {
  next: number;
  errors: number;
  firstError: string | undefined;
  readonly latenciesMs: number[];
}

/** One in-flight slot: calls back to back until `until`, recording each latency if `record`. */
async function slot(target: Target, loop: Loop, until: number, record: boolean): Promise<void> {
  while (performance.now() < until) {
    const started = performance.now();
    try {
      await target.call(loop.next++);
      if (record) loop.latenciesMs.push(performance.now() - started);
    } catch (error) {
      loop.errors += record ? 1 : 0;
      loop.firstError ??= error instanceof Error ? error.message : String(error);
    }
  }
}

/** Calls are numbered from `first`, so the measured phase repeats none of the warm-up's texts. */
async function phase(target: Target, spec: LoadSpec, ms: number, first: number): Promise<Loop> {
  const record = first > 0;
  const loop: Loop = { next: first, errors: 0, firstError: undefined, latenciesMs: [] };
  const until = performance.now() + ms;
  await Promise.all(
    Array.from({ length: spec.concurrency }, () => slot(target, loop, until, record)),
  );
  return loop;
}

async function run(spec: LoadSpec): Promise<LoadMessage> {
  const target = openTarget(spec.target);
  try {
    // Warm-up: connection, JIT and server caches settle before anything is recorded.
    await phase(target, spec, spec.warmupMs, 0);
    parentPort?.postMessage({ measuring: true } satisfies LoadMessage);
    const started = performance.now();
    const loop = await phase(target, spec, spec.durationMs, 1_000_000);
    return {
      latenciesMs: loop.latenciesMs,
      elapsedMs: performance.now() - started,
      errors: loop.errors,
      firstError: loop.firstError,
    };
  } finally {
    target.close();
  }
}

run(workerData as LoadSpec).then(
  (result) => parentPort?.postMessage(result),
  (error: unknown) => {
    throw error;
  },
);
