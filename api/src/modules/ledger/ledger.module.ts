import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Redis } from 'ioredis';
import { PinoLogger } from 'nestjs-pino';
import { API_CONFIG, type ApiConfig } from '../../config/api-config.js';
import { createRedisConnection } from '../../queue/redis-connection.js';
import { REDIS } from '../../queue/redis.module.js';
import { LedgerRepository } from './ledger.repository.js';
import { UsageIngestProcessor, type UsageIngestOptions } from './usage-ingest.processor.js';
import { USAGE_INGEST_QUEUE, UsageIngestQueue } from './usage-ingest.queue.js';

/** Tuning of usage ingest; tests give each run a queue of its own. */
export const USAGE_INGEST_OPTIONS = Symbol('USAGE_INGEST_OPTIONS');
import { UsageRollup } from './usage-rollup.js';
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
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(USAGE_INGEST_OPTIONS) private readonly options: UsageIngestOptions,
    private readonly writer: UsageWriter,
    private readonly queue: UsageIngestQueue,
    private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.connection = createRedisConnection(this.config.REDIS_URL, 'worker', 'sluice-usage-worker');
    this.connection.on('error', (error: Error) =>
      this.logger.warn({ err: error.message }, 'Usage worker Redis connection error'),
    );
    this.processor = new UsageIngestProcessor(this.connection, this.writer, {
      ...this.options,
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
 * Needs DatabaseModule and RedisModule (global) imported by the application.
 */
@Module({})
export class LedgerModule {
  static forRoot(options: UsageIngestOptions = {}): DynamicModule {
    const queueName = options.queueName ?? USAGE_INGEST_QUEUE;
    return {
      module: LedgerModule,
      providers: [
        { provide: USAGE_INGEST_OPTIONS, useValue: options },
        LedgerRepository,
        UsageWriter,
        UsageRollup,
        UsageIngestLifecycle,
        {
          provide: UsageIngestQueue,
          inject: [REDIS],
          useFactory: (redis: Redis) => new UsageIngestQueue(redis, queueName),
        },
      ],
      exports: [LedgerRepository, UsageWriter, UsageRollup, UsageIngestQueue],
    };
  }
}
