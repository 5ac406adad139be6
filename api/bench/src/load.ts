import { readFileSync } from 'node:fs';
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

/** What the worker posts: that the measured phase begins, then its result. */
export type LoadMessage = { readonly measuring: true } | Omit<LoadResult, 'serverCpuMs'>;

// proc(5): utime and stime are fields 14 and 15 of stat, in clock ticks (USER_HZ, 100 on Linux).
const TICKS_PER_SECOND = 100;

/**
 * CPU time of this process's main thread, where the servers under test run (the load comes
 * from a worker thread), in ms; NaN without Linux's /proc. On a shared machine wall times
 * mostly measure the run queue; CPU per call is the server's own work.
 */
function serverCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** Runs one load in a worker thread and resolves with what it measured. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const worker = new Worker(new URL('./load-worker.js', import.meta.url), { workerData: spec });
  let cpuAtStart = Number.NaN;
  return new Promise((resolve, reject) => {
    worker.on('message', (message: LoadMessage) => {
      if ('measuring' in message) {
        cpuAtStart = serverCpuMs();
        return;
      }
      resolve({ ...message, serverCpuMs: serverCpuMs() - cpuAtStart });
      // A closed client may still hold a timer; the result is in, the thread is done.
      void worker.terminate();
    });
    worker.once('error', reject);
    // After a result, rejecting is a no-op; before one, an exit is a failed run.
    worker.once('exit', (code) => reject(new Error(`load worker exited with code ${code}`)));
  });
}
