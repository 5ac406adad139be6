import { Module } from '@nestjs/common';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import { PinoLogger } from 'nestjs-pino';
import { API_CONFIG, type ApiConfig } from '../config/api-config.js';
import { errorMessage } from '../util/error-message.js';
import { DatabaseConnector } from './database-connector.js';
import { DatabaseHealth } from './database-health.js';
import { dataSourceOptions } from './data-source-options.js';

export { DatabaseHealth } from './database-health.js';

/**
 * @nestjs/typeorm provides the DataSource (and, later, forFeature repositories), but its own
 * connect blocks start-up through `retryAttempts` and then throws, which SPEC section 6 forbids.
 * So it only constructs the DataSource (`manualInitialization`) and DatabaseConnector opens it.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [API_CONFIG, PinoLogger],
      useFactory: (config: ApiConfig, logger: PinoLogger): TypeOrmModuleOptions => ({
        ...dataSourceOptions(config),
        manualInitialization: true,
        // Idle connections dropped by a PostgreSQL restart; TypeORM's default handler is silent.
        poolErrorHandler: (error: unknown) =>
          logger.warn({ err: errorMessage(error) }, 'PostgreSQL pool connection failed'),
      }),
    }),
  ],
  providers: [DatabaseConnector, DatabaseHealth],
  exports: [DatabaseHealth],
})
export class DatabaseModule {}
