import { Global, Inject, Module, type DynamicModule } from '@nestjs/common';
import type { OperatorEnv } from '@sluice/common';

/** The validated, frozen settings of the operator process, injected with `@InjectOperatorConfig()`. */
export type OperatorConfig = Readonly<OperatorEnv>;

export const OPERATOR_CONFIG = Symbol('OPERATOR_CONFIG');

export const InjectOperatorConfig = (): PropertyDecorator & ParameterDecorator =>
  Inject(OPERATOR_CONFIG);

@Global()
@Module({})
export class OperatorConfigModule {
  static forRoot(config: OperatorConfig): DynamicModule {
    return {
      module: OperatorConfigModule,
      providers: [{ provide: OPERATOR_CONFIG, useValue: config }],
      exports: [OPERATOR_CONFIG],
    };
  }
}
