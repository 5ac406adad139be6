import { Worker } from 'node:worker_threads';
import type { Samples } from './stats.js';
import type { TargetSpec } from './targets.js';

/** A closed-loop run: `concurrency` calls always in flight for `durationMs` after a warm-up. */
export interface LoadSpec {
  readonly target: TargetSpec;
  readonly concurrency: number;
  readonly warmupMs: number;
  readonly durationMs: number;
}

export interface LoadResult extends Samples {
  readonly firstError: string | undefined;
}

/** Runs one load in a worker thread and resolves with what it measured. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const worker = new Worker(new URL('./load-worker.js', import.meta.url), { workerData: spec });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: LoadResult) => {
      resolve(result);
      // A closed client may still hold a timer; the result is in, the thread is done.
      void worker.terminate();
    });
    worker.once('error', reject);
    // After a result, rejecting is a no-op; before one, an exit is a failed run.
    worker.once('exit', (code) => reject(new Error(`load worker exited with code ${code}`)));
  });
}
