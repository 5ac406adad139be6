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
import { UsageRollup } from '../ledger/usage-rollup.js';
import { AuditRepository } from './audit/audit.repository.js';
import { AuditService } from './audit/audit.service.js';
import { EconomicsLoader } from './economics-loader.js';
import { EconomicsGrpc } from './economics.grpc.js';
import { EconomicsRepository } from './economics.repository.js';
import { EconomicsService } from './economics.service.js';
import { ledgerQueueName } from '../../queue/queue-names.js';
import { ROLLUP_QUEUE, RollupScheduler, type RollupScheduleOptions } from './rollup-scheduler.js';

const ROLLUP_SETTINGS = Symbol('ROLLUP_SETTINGS');

/** Starts the rollup schedule with the app and closes it before the database (STYLE rule 10). */
@Injectable()
export class RollupLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private scheduler: RollupScheduler | undefined;
  private connection: Redis | undefined;
  private closed = false;

  constructor(
    @Inject(ROLLUP_SETTINGS)
    private readonly settings: RollupScheduleOptions & { redisUrl: string },
    @Inject(REDIS) private readonly producer: Redis,
    private readonly rollup: UsageRollup,
    private readonly logger: PinoLogger,
  ) {}

  /**
   * Starts once the shared Redis connection is ready: the API serves without Redis (reads stay
   * exact from raw rows), and BullMQ clients created while Redis is down would hang shutdown.
   */
  onApplicationBootstrap(): void {
    if (this.producer.status === 'ready') this.start();
    else this.producer.once('ready', this.start);
  }

  private readonly start = (): void => {
    if (this.closed || this.scheduler !== undefined) return;
    this.connection = createRedisConnection(
      this.settings.redisUrl,
      'worker',
      'sluice-rollup-worker',
    );
    this.connection.on('error', (error: Error) =>
      this.logger.warn({ err: error.message }, 'Rollup Redis error'),
    );
    this.scheduler = new RollupScheduler(
      { producer: this.producer, worker: this.connection },
      this.rollup,
      { ...this.settings, onWarning: (fields, message) => this.logger.warn(fields, message) },
    );
    this.scheduler
      .start()
      .catch((error: unknown) =>
        this.logger.warn({ err: String(error) }, 'Failed to schedule usage rollups'),
      );
  };

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    this.producer.off('ready', this.start);
    await this.scheduler?.close();
    this.connection?.disconnect();
  }
}

/**
 * sluice.v1.EconomicsService and the hourly rollup schedule. Needs DatabaseModule and RedisModule
 * (global). UsageRollup only needs the DataSource, so it is provided here rather than importing
 * LedgerModule, whose usage worker belongs to whoever serves ReportUsage.
 */
@Module({})
export class EconomicsModule {
  static forRoot(rollup: RollupScheduleOptions = {}): DynamicModule {
    return {
      module: EconomicsModule,
      providers: [
        {
          provide: ROLLUP_SETTINGS,
          inject: [API_CONFIG],
          useFactory: (config: ApiConfig) => ({
            ...rollup,
            queueName: rollup.queueName ?? ledgerQueueName(ROLLUP_QUEUE, config.DATABASE_URL),
            redisUrl: config.REDIS_URL,
          }),
        },
        UsageRollup,
        RollupLifecycle,
        EconomicsRepository,
        EconomicsLoader,
        EconomicsService,
        AuditRepository,
        AuditService,
        EconomicsGrpc,
      ],
      exports: [EconomicsService],
    };
  }
}
