import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type ModuleMetadata,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Redis } from 'ioredis';
import { PinoLogger } from 'nestjs-pino';
import { API_CONFIG, type ApiConfig } from '../../config/api-config.js';
import { createRedisConnection } from '../../queue/redis-connection.js';
import { REDIS } from '../../queue/redis.module.js';
import { BookedUsageRepository } from './booked-usage.repository.js';
import { LedgerEventsRepository } from './ledger-events.repository.js';
import { LedgerRepository } from './ledger.repository.js';
import { UsageIngestProcessor, type UsageIngestOptions } from './usage-ingest.processor.js';
import { ledgerQueueName } from '../../queue/queue-names.js';
import { USAGE_INGEST_QUEUE, UsageIngestQueue } from './usage-ingest.queue.js';

/** Tuning of usage ingest (tests give each run a queue of its own) and where Redis is. */
export const USAGE_INGEST_SETTINGS = Symbol('USAGE_INGEST_SETTINGS');

interface UsageIngestSettings extends UsageIngestOptions {
  readonly redisUrl: string;
}
import { UsageRollup } from './usage-rollup.js';
import { UsageMetrics } from './usage-metrics.js';
import { UsageWriter } from './usage-writer.js';

/**
 * Starts the usage worker on its own worker-role connection and closes it on shutdown, before
 * the database closes (STYLE rule 10: close workers, then the DB).
 */
@Injectable()
export class UsageIngestLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private processor: UsageIngestProcessor | undefined;
  private connection: Redis | undefined;

  constructor(
    @Inject(USAGE_INGEST_SETTINGS) private readonly settings: UsageIngestSettings,
    private readonly writer: UsageWriter,
    private readonly queue: UsageIngestQueue,
    private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.connection = createRedisConnection(
      this.settings.redisUrl,
      'worker',
      'sluice-usage-worker',
    );
    this.connection.on('error', (error: Error) =>
      this.logger.warn({ err: error.message }, 'Usage worker Redis connection error'),
    );
    this.processor = new UsageIngestProcessor(this.connection, this.writer, {
      ...this.settings,
      onWarning: (fields, message) => this.logger.warn(fields, message),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.processor?.close();
    this.connection?.disconnect();
    await this.queue.close();
  }
}

/**
 * The usage ledger: prices and capacity over time, usage ingest through BullMQ, hourly rollups.
 * Needs DatabaseModule, RedisModule and ObservabilityModule (global) imported by the application.
 */
@Module({})
export class LedgerModule {
  static forRoot(
    options: UsageIngestOptions = {},
    /** Modules exporting ROUTING_VIEW: metric labels name only its models (usage-metrics.ts). */
    views: NonNullable<ModuleMetadata['imports']> = [],
  ): DynamicModule {
    // Named after the ledger's database unless the caller names it (tests, bench).
    const queueNameOf = (config: ApiConfig): string =>
      options.queueName ?? ledgerQueueName(USAGE_INGEST_QUEUE, config.DATABASE_URL);
    return {
      module: LedgerModule,
      imports: views,
      providers: [
        {
          provide: USAGE_INGEST_SETTINGS,
          inject: [API_CONFIG],
          useFactory: (config: ApiConfig): UsageIngestSettings => ({
            ...options,
            queueName: queueNameOf(config),
            redisUrl: config.REDIS_URL,
          }),
        },
        LedgerRepository,
        LedgerEventsRepository,
        BookedUsageRepository,
        UsageMetrics,
        UsageWriter,
        UsageRollup,
        UsageIngestLifecycle,
        {
          provide: UsageIngestQueue,
          inject: [REDIS, API_CONFIG],
          useFactory: (redis: Redis, config: ApiConfig) =>
            new UsageIngestQueue(redis, queueNameOf(config)),
        },
      ],
      exports: [
        BookedUsageRepository,
        LedgerRepository,
        LedgerEventsRepository,
        UsageWriter,
        UsageRollup,
        UsageIngestQueue,
      ],
    };
  }
}
