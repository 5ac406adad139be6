import type { Registry } from 'prom-client';
import { systemClock, type Clock } from './clock.js';
import { ControllerMetrics, type ReconcileResult } from './controller-metrics.js';
import { silentLogger, type RuntimeLogger } from './logger.js';
import { keyOf, parseKey, type ObjectKey } from './object-key.js';
import { TerminalError } from './terminal-error.js';
import { WorkQueue } from './work-queue.js';

/** What a controller asks of a reconciler: level-based, keyed by namespace/name, idempotent. */
export interface Reconciler {
  reconcile(key: ObjectKey): Promise<{ requeueAfterMs?: number } | void>;
}

export interface ControllerOptions {
  readonly name: string;
  readonly reconciler: Reconciler;
  readonly registry: Registry;
  readonly workers?: number;
  readonly logger?: RuntimeLogger;
  readonly clock?: Clock;
  readonly queue?: WorkQueue;
}

/**
 * Runs `workers` loops taking keys from the queue and reconciling them: success forgets the key's
 * back-off (and requeues after `requeueAfterMs`), an error requeues with back-off, a TerminalError
 * is recorded and not retried. The queue accepts keys before `start` (informers feed it while this
 * replica is not the leader); workers run only between `start` and `stop`.
 */
export class Controller {
  readonly name: string;
  readonly queue: WorkQueue;
  private readonly metrics: ControllerMetrics;
  private readonly logger: RuntimeLogger;
  private readonly clock: Clock;
  private workers: Array<Promise<void>> = [];

  constructor(private readonly options: ControllerOptions) {
    this.name = options.name;
    this.clock = options.clock ?? systemClock;
    this.queue = options.queue ?? new WorkQueue({ clock: this.clock });
    this.logger = options.logger ?? silentLogger;
    this.metrics = ControllerMetrics.for(options.registry);
    this.metrics.watchDepth(this.name, () => this.queue.length);
  }

  get running(): boolean {
    return this.workers.length > 0;
  }

  enqueue(key: ObjectKey | string): void {
    this.queue.add(typeof key === 'string' ? key : keyOf(key));
  }

  start(): void {
    if (this.running || this.queue.isShuttingDown) return;
    const count = Math.max(1, this.options.workers ?? 1);
    this.workers = Array.from({ length: count }, () => this.work());
    this.logger.info({ controller: this.name, workers: count }, 'Started controller');
  }

  /** Stops taking keys and waits for reconciles in flight. A stopped controller stays stopped. */
  async stop(): Promise<void> {
    await this.queue.shutDown();
    await Promise.all(this.workers);
    this.workers = [];
    this.logger.info({ controller: this.name }, 'Stopped controller');
  }

  private async work(): Promise<void> {
    for (let key = await this.queue.get(); key !== undefined; key = await this.queue.get()) {
      try {
        await this.process(key);
      } finally {
        this.queue.done(key);
      }
    }
  }

  /** Reconciles one key; public for tests that drive a controller without workers. */
  async process(key: string): Promise<ReconcileResult> {
    const started = this.clock.now();
    const result = await this.reconcile(key);
    this.metrics.record(this.name, result, (this.clock.now() - started) / 1000);
    return result;
  }

  private async reconcile(key: string): Promise<ReconcileResult> {
    try {
      const outcome = await this.options.reconciler.reconcile(parseKey(key));
      this.queue.forget(key);
      const after = outcome?.requeueAfterMs;
      if (after === undefined) return 'success';
      this.queue.addAfter(key, after);
      return 'requeue_after';
    } catch (error) {
      return this.failed(key, error);
    }
  }

  private failed(key: string, error: unknown): ReconcileResult {
    const fields = { controller: this.name, ...parseKey(key), err: error };
    if (error instanceof TerminalError) {
      this.queue.forget(key);
      this.logger.error(fields, 'Reconcile failed terminally; not retrying');
      return 'terminal_error';
    }
    this.queue.addRateLimited(key);
    this.logger.warn(
      { ...fields, retries: this.queue.numRequeues(key) },
      'Reconcile failed; retrying with back-off',
    );
    return 'error';
  }
}
