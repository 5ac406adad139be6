import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Registry } from 'prom-client';
import { MetricsController, createMetricsRegistry } from './metrics.js';
import { Probes } from './probes.js';
import { ProbesController } from './probes.controller.js';

/** /healthz, /readyz and /metrics for a process; other modules inject `Probes` and `Registry`. */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(component: string): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [ProbesController, MetricsController],
      providers: [Probes, { provide: Registry, useValue: createMetricsRegistry(component) }],
      exports: [Probes, Registry],
    };
  }
}
