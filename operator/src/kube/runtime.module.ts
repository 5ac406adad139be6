import { Module, type OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { Registry } from 'prom-client';
import { OPERATOR_CONFIG, type OperatorConfig } from '../config/operator-config.js';
import { EventRecorder } from '../runtime/index.js';
import { ClusterCapabilities } from './cluster-capabilities.js';
import { ControllerManager } from './controller-manager.js';
import { registerEventMetrics } from './event-metrics.js';
import { KubeClients } from './kube-clients.js';

/**
 * The controller runtime for Nest: rate-limited clients, the manager controllers join (their
 * informers should pass `manager.fatal` as onFatal), the recorder for Kubernetes Events, and
 * which optional APIs (KEDA, Prometheus Operator) the cluster serves.
 */
@Module({
  providers: [
    KubeClients,
    ControllerManager,
    ClusterCapabilities,
    {
      provide: EventRecorder,
      inject: [OPERATOR_CONFIG, KubeClients, ControllerManager, PinoLogger],
      useFactory: (
        config: OperatorConfig,
        clients: KubeClients,
        manager: ControllerManager,
        logger: PinoLogger,
      ) =>
        new EventRecorder({
          client: clients.events,
          reportingController: 'sluice-operator',
          reportingInstance: manager.identity,
          logger,
          queueSize: config.EVENT_QUEUE_SIZE,
        }),
    },
  ],
  exports: [KubeClients, ControllerManager, EventRecorder, ClusterCapabilities],
})
export class RuntimeModule implements OnApplicationShutdown {
  constructor(
    private readonly recorder: EventRecorder,
    registry: Registry,
  ) {
    registerEventMetrics(registry, recorder);
  }

  /** After the controllers stopped (ControllerManager's onModuleDestroy): the last Events go out. */
  async onApplicationShutdown(): Promise<void> {
    await this.recorder.close();
  }
}
