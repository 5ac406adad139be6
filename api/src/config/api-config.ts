import { Global, Inject, Module, type DynamicModule } from '@nestjs/common';
import type { ApiEnv } from '@sluice/common';

/** The validated, frozen settings of the API process, injected with `@InjectApiConfig()`. */
export type ApiConfig = Readonly<ApiEnv>;

export const API_CONFIG = Symbol('API_CONFIG');

export const InjectApiConfig = (): PropertyDecorator & ParameterDecorator => Inject(API_CONFIG);

@Global()
@Module({})
export class ApiConfigModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: ApiConfigModule,
      providers: [{ provide: API_CONFIG, useValue: config }],
      exports: [API_CONFIG],
    };
  }
}
