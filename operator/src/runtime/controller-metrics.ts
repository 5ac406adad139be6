import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export type ReconcileResult = 'success' | 'requeue_after' | 'error' | 'terminal_error';

/**
 * controller-runtime's reconcile metrics under our prefix, shared by every controller of one
 * registry. Queue depth is read at scrape time from the registered queues.
 */
export class ControllerMetrics {
  private static readonly byRegistry = new WeakMap<Registry, ControllerMetrics>();
  private readonly depths = new Map<string, () => number>();
  readonly total: Counter<'controller' | 'result'>;
  readonly errors: Counter<'controller'>;
  readonly duration: Histogram<'controller'>;

  static for(registry: Registry): ControllerMetrics {
    let metrics = ControllerMetrics.byRegistry.get(registry);
    if (!metrics)
      ControllerMetrics.byRegistry.set(registry, (metrics = new ControllerMetrics(registry)));
    return metrics;
  }

  private constructor(registry: Registry) {
    const registers = [registry];
    this.total = new Counter({
      name: 'sluice_operator_reconcile_total',
      help: 'Reconciles per controller and result.',
      labelNames: ['controller', 'result'],
      registers,
    });
    this.errors = new Counter({
      name: 'sluice_operator_reconcile_errors_total',
      help: 'Reconciles that failed.',
      labelNames: ['controller'],
      registers,
    });
    this.duration = new Histogram({
      name: 'sluice_operator_reconcile_duration_seconds',
      help: 'Time spent in reconcile.',
      labelNames: ['controller'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
    const depths = this.depths;
    new Gauge({
      name: 'sluice_operator_workqueue_depth',
      help: 'Keys waiting in the work queue.',
      labelNames: ['controller'],
      registers,
      collect() {
        for (const [controller, depth] of depths) this.set({ controller }, depth());
      },
    });
  }

  watchDepth(controller: string, depth: () => number): void {
    this.depths.set(controller, depth);
  }

  record(controller: string, result: ReconcileResult, seconds: number): void {
    this.total.inc({ controller, result });
    this.duration.observe({ controller }, seconds);
    if (result === 'error' || result === 'terminal_error') this.errors.inc({ controller });
  }
}
