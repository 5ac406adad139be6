import { Global, Inject, Module, type DynamicModule } from '@nestjs/common';
import type { ApiEnv } from '@sluice/common';
import type { LocalEndpoints } from '../modules/catalog/local-endpoints.js';

/**
 * The validated, frozen settings of the API process, injected with `@InjectApiConfig()`.
 * `localEndpoints` is no setting: only `sluice dev` passes it, in-process (local-endpoints.ts).
 */
export type ApiConfig = Readonly<ApiEnv> & { readonly localEndpoints?: LocalEndpoints };

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
