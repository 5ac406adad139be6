import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { Probes } from '@sluice/common';
import { InjectOperatorConfig, type OperatorConfig } from '../config/operator-config.js';
import {
  LeaderElector,
  Manager,
  SharedInformerFactory,
  defaultIdentity,
} from '../runtime/index.js';
import { KubeClients } from './kube-clients.js';

/** How a fatal runtime failure ends the process; replaced in tests. */
export const exitProcess = { exit: (code: number): void => process.exit(code) };

/**
 * The Nest face of the runtime's Manager. Controller modules take their informers from the shared
 * factory (one list+watch per resource, however many controllers watch it) and add their
 * controllers in `onModuleInit`; everything starts after bootstrap. Readiness is "informers synced". On
 * shutdown (Nest destroys modules after Probes turned not ready) controllers drain, then the
 * Lease is released. A lost Lease or an unrecoverable watch exits 1 so Kubernetes restarts us.
 */
@Injectable()
export class ControllerManager implements OnApplicationBootstrap, OnModuleDestroy {
  readonly manager: Manager;
  readonly informers: SharedInformerFactory;
  readonly identity: string;

  constructor(
    @InjectOperatorConfig() config: OperatorConfig,
    clients: KubeClients,
    private readonly probes: Probes,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('ControllerManager');
    // The pod's name (downward API) makes the Lease's holderIdentity say which pod leads.
    this.identity = config.POD_NAME ?? defaultIdentity();
    const elector =
      config.LEADER_ELECTION === 'true'
        ? new LeaderElector({
            client: clients.coordination,
            namespace: config.LEADER_ELECTION_NAMESPACE,
            name: config.LEADER_ELECTION_ID,
            identity: this.identity,
            leaseDurationMs: config.LEADER_ELECTION_LEASE_DURATION,
            renewDeadlineMs: config.LEADER_ELECTION_RENEW_DEADLINE,
            retryPeriodMs: config.LEADER_ELECTION_RETRY_PERIOD,
            logger,
          })
        : undefined;
    this.manager = new Manager({
      ...(elector ? { elector } : {}),
      onFatal: (reason, error) => this.fatal(reason, error),
      logger,
    });
    this.informers = new SharedInformerFactory({
      kubeConfig: clients.kubeConfig,
      resyncMs: config.RESYNC_SECONDS * 1000,
      onFatal: (path, error) => this.fatal(`Watch of ${path} failed`, error),
      onCreated: (informer) => this.manager.addInformer(informer),
      logger,
    });
  }

  onApplicationBootstrap(): void {
    this.probes.addReadinessCheck('informers', () => this.manager.hasSynced());
    this.manager.start();
  }

  /** Resolves once controllers drained, the Lease was released and every watch closed. */
  async onModuleDestroy(): Promise<void> {
    await this.manager.stop();
  }

  fatal(reason: string, error?: unknown): void {
    this.logger.fatal({ err: error, identity: this.identity }, `${reason}; exiting`);
    void this.manager.stop().finally(() => exitProcess.exit(1));
  }
}
