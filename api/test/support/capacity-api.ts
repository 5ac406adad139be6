import { Test, type TestingModule } from '@nestjs/testing';
import { createLogger, loggingModule, ObservabilityModule } from '@sluice/common';
import { ApiConfigModule, type ApiConfig } from '../../src/config/api-config.js';
import { DatabaseModule } from '../../src/database/database.module.js';
import { CAPACITY_CLOCK, CapacityModule } from '../../src/modules/capacity/capacity.module.js';

/**
 * The part of the API that records GPU capacity, started on `config`; `clock`, when given, is
 * what its recorder reads as now.
 */
export async function startCapacityApi(
  config: ApiConfig,
  clock?: () => Date,
): Promise<TestingModule> {
  let builder = Test.createTestingModule({
    imports: [
      ApiConfigModule.forRoot(config),
      loggingModule(createLogger(config, 'api-test')),
      ObservabilityModule.forRoot('api'),
      DatabaseModule,
      CapacityModule,
    ],
  });
  if (clock) builder = builder.overrideProvider(CAPACITY_CLOCK).useValue(clock);
  const app = await builder.compile();
  await app.init();
  return app;
}
