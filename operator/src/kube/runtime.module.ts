import { Module } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { EventRecorder } from '../runtime/index.js';
import { ClusterCapabilities } from './cluster-capabilities.js';
import { ControllerManager } from './controller-manager.js';
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
      inject: [KubeClients, ControllerManager, PinoLogger],
      useFactory: (clients: KubeClients, manager: ControllerManager, logger: PinoLogger) =>
        new EventRecorder({
          client: clients.objects,
          reportingController: 'sluice-operator',
          reportingInstance: manager.identity,
          logger,
        }),
    },
  ],
  exports: [KubeClients, ControllerManager, EventRecorder, ClusterCapabilities],
})
export class RuntimeModule {}
