import { Global, Inject, Module, type DynamicModule } from '@nestjs/common';
import type { ApiEnv } from '@sluice/common';
import type { LocalEndpoints } from '../modules/catalog/local-endpoints.js';

/**
 * The validated, frozen settings of the API process, injected with `@InjectApiConfig()`.
 * `localEndpoints` and `previousLocalRunEndedAt` are no settings: only `sluice dev` passes them,
 * in-process (local-endpoints.ts; the capacity recorder ends a killed local run's models).
 */
export type ApiConfig = Readonly<ApiEnv> & {
  readonly localEndpoints?: LocalEndpoints;
  readonly previousLocalRunEndedAt?: Date;
};

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
