import type { DynamicModule, Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { apiEnvSchema, createLogger, loadConfig, loggingModule } from '@sluice/common';
import { ApiConfigModule } from '../../src/config/api-config.js';
import { DatabaseModule } from '../../src/database/database.module.js';
import { TenantsModule } from '../../src/modules/tenants/tenants.module.js';

/**
 * The API's persistence wiring as AppModule assembles it, on `databaseUrl`, without the network
 * servers, and `also` beside it. `init()` has run, so DatabaseConnector has made its first
 * attempt; `close()` it.
 */
export async function startPersistence(
  databaseUrl: string,
  also: Array<Type | DynamicModule> = [],
): Promise<TestingModule> {
  const config = loadConfig(apiEnvSchema, {
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    LOG_FORMAT: 'json',
  });
  const logger = createLogger(config, 'api-test');
  const moduleRef = await Test.createTestingModule({
    imports: [
      ApiConfigModule.forRoot(config),
      loggingModule(logger),
      DatabaseModule,
      TenantsModule,
      ...also,
    ],
  }).compile();
  await moduleRef.init();
  return moduleRef;
}
