import type { KubernetesObject } from '@kubernetes/client-node';
import type { Controller } from './controller.js';
import type { Informer } from './informer.js';
import type { LeaderElector } from './leader-election.js';
import { silentLogger, type RuntimeLogger } from './logger.js';

export interface ManagerOptions {
  /** Absent: this replica always leads (LEADER_ELECTION=false, e.g. local mode). */
  readonly elector?: LeaderElector;
  /** Leadership lost or a watch that cannot recover: the caller exits so Kubernetes restarts us. */
  readonly onFatal: (reason: string, error?: unknown) => void;
  readonly logger?: RuntimeLogger;
}

/**
 * controller-runtime's Manager, small: informers run on every replica (warm caches, fast
 * failover), controllers only while this replica leads. Stop order: controllers drain, then the
 * Lease is released (so the next leader starts at once), then watches close.
 */
export class Manager {
  private readonly informers: Array<Informer<KubernetesObject>> = [];
  private readonly controllers: Controller[] = [];
  private readonly logger: RuntimeLogger;
  private started = false;

  constructor(private readonly options: ManagerOptions) {
    this.logger = options.logger ?? silentLogger;
  }

  addInformer<T extends KubernetesObject>(informer: Informer<T>): void {
    this.informers.push(informer as unknown as Informer<KubernetesObject>);
  }

  addController(controller: Controller): void {
    this.controllers.push(controller);
  }

  /** Ready once every informer has listed (no informers: ready). */
  hasSynced(): boolean {
    return this.informers.every((informer) => informer.hasSynced());
  }

  get isLeader(): boolean {
    return this.options.elector?.isLeader ?? this.started;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.informers.forEach((informer) => informer.start());
    const startControllers = (): void => this.controllers.forEach((c) => c.start());
    if (!this.options.elector) return startControllers();
    this.options.elector.start({
      onStartedLeading: startControllers,
      onStoppedLeading: () => {
        // Stop writing at once; in-flight reconciles finish, then the process exits.
        void Promise.all(this.controllers.map((c) => c.stop())).finally(() =>
          this.options.onFatal('Lost leadership'),
        );
      },
    });
  }

  async stop(): Promise<void> {
    await Promise.all(this.controllers.map((controller) => controller.stop()));
    await this.options.elector?.stop();
    await Promise.all(this.informers.map((informer) => informer.stop()));
    this.logger.info({ controllers: this.controllers.length }, 'Stopped controller manager');
  }
}
