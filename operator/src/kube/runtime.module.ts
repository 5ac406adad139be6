import { Module } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { EventRecorder } from '../runtime/index.js';
import { ControllerManager } from './controller-manager.js';
import { KubeClients } from './kube-clients.js';

/**
 * The controller runtime for Nest: rate-limited clients, the manager controllers join (their
 * informers should pass `manager.fatal` as onFatal), and the recorder for Kubernetes Events.
 */
@Module({
  providers: [
    KubeClients,
    ControllerManager,
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
  exports: [KubeClients, ControllerManager, EventRecorder],
})
export class RuntimeModule {}
