import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Redis } from 'ioredis';
import { PinoLogger } from 'nestjs-pino';
import { Probes } from '@sluice/common';
import { API_CONFIG, type ApiConfig } from '../config/api-config.js';
import { errorMessage } from '../util/error-message.js';
import { runPeriodically, type Periodic } from '../util/periodic.js';
import {
  describePersistence,
  persistenceFromConfig,
  persistenceFromInfo,
  type RedisPersistence,
} from './redis-persistence.js';
import { REDIS } from './redis-tokens.js';

/** Often enough that a Redis reconfigured in place (CONFIG SET) is noticed within a minute. */
export const PERSISTENCE_CHECK_INTERVAL_MS = 30_000;

/**
 * Knows whether the API's Redis persists what it acknowledges (redis-persistence.ts), so usage
 * is acknowledged into the queue only when a Redis restart cannot lose it (LedgerSink). Read at
 * start, every 30 s, and after every reconnect; between a disconnect and the next reading it is
 * unknown, which is treated as volatile (a Redis that restarted may have come back without AOF).
 */
@Injectable()
export class RedisPersistenceMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private current: RedisPersistence | undefined;
  private checker: Periodic | undefined;
  private readonly onReady = () => void this.check();
  private readonly onClose = () => (this.current = undefined);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly probes: Probes,
    private readonly logger: PinoLogger,
  ) {}

  /** The last reading; undefined while unknown. */
  get persistence(): RedisPersistence | undefined {
    return this.current;
  }

  /** Whether a report enqueued now may be acknowledged before PostgreSQL holds it. */
  get queueIsDurable(): boolean {
    return this.current?.persistent === true || this.config.USAGE_VOLATILE_ACK === 'true';
  }

  get description(): string {
    return describePersistence(this.current, this.config.USAGE_VOLATILE_ACK === 'true');
  }

  async onApplicationBootstrap(): Promise<void> {
    this.redis.on('ready', this.onReady);
    this.redis.on('close', this.onClose);
    // Informational: a volatile Redis costs a PostgreSQL write per report, not readiness.
    this.probes.addReadinessCheck('redis-persistence', () => ({
      ok: true,
      detail: this.description,
    }));
    this.checker = runPeriodically(() => this.check(), PERSISTENCE_CHECK_INTERVAL_MS);
    await this.checker.first;
  }

  onApplicationShutdown(): void {
    this.checker?.stop();
    this.redis.off('ready', this.onReady);
    this.redis.off('close', this.onClose);
  }

  /** Reads the settings now; never rejects (an unreachable Redis leaves them unknown). */
  async check(): Promise<void> {
    const before = this.current;
    try {
      this.current = await this.read();
    } catch (error) {
      this.current = undefined;
      this.logger.debug({ err: errorMessage(error) }, 'Failed to read Redis persistence');
      return;
    }
    if (before?.persistent !== this.current.persistent || before.source !== this.current.source)
      this.logger[this.current.persistent ? 'info' : 'warn'](
        { persistence: this.current },
        `Read Redis persistence: ${this.description}`,
      );
  }

  private async read(): Promise<RedisPersistence> {
    try {
      const [appendonly, appendfsync] = await Promise.all([
        this.redis.config('GET', 'appendonly') as Promise<string[]>,
        this.redis.config('GET', 'appendfsync') as Promise<string[]>,
      ]);
      return persistenceFromConfig(appendonly, appendfsync);
    } catch (error) {
      if (this.redis.status !== 'ready') throw error;
      // CONFIG disabled or renamed (ElastiCache, MemoryDB, Azure) or denied by an ACL.
      return persistenceFromInfo(await this.redis.info('persistence'));
    }
  }
}
