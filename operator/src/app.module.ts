import { Module, type DynamicModule } from '@nestjs/common';
import { loggingModule, ObservabilityModule, type Logger } from '@sluice/common';
import { OperatorConfigModule, type OperatorConfig } from './config/operator-config.js';
import { KubeConnection } from './kube/kube-connection.js';
import { LogFlush } from './log-flush.js';
import { RuntimeModule } from './kube/runtime.module.js';
import { InferenceModelModule } from './controllers/inferencemodel/inferencemodel.module.js';
import { QuantizationProfileModule } from './controllers/quantizationprofile/quantizationprofile.module.js';

@Module({})
export class OperatorModule {
  static forRoot(config: OperatorConfig, logger: Logger): DynamicModule {
    return {
      module: OperatorModule,
      imports: [
        OperatorConfigModule.forRoot(config),
        loggingModule(logger),
        ObservabilityModule.forRoot('operator'),
        RuntimeModule,
        InferenceModelModule,
        QuantizationProfileModule,
      ],
      providers: [KubeConnection, { provide: LogFlush, useValue: new LogFlush(logger) }],
    };
  }
}
