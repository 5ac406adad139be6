import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { Redis } from 'ioredis';
import { API_CONFIG, type ApiConfig } from '../config/api-config.js';
import type { DependencyProbe } from '../modules/system/dependency-probe.js';
import { createRedisConnection } from './redis-connection.js';
import { RedisPersistenceMonitor } from './redis-persistence-monitor.js';
import { REDIS } from './redis-tokens.js';

export { REDIS } from './redis-tokens.js';

@Injectable()
export class RedisLifecycle implements OnApplicationShutdown, DependencyProbe {
  readonly name = 'redis';

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly persistence: RedisPersistenceMonitor,
  ) {}

  /** GetStatus's detail says whether acknowledged usage may rest on Redis alone. */
  async check(): Promise<string> {
    await this.redis.ping();
    return `ok; ${this.persistence.description}`;
  }

  async onApplicationShutdown(): Promise<void> {
    // quit() waits for replies to commands already sent; disconnect() if we never connected.
    if (this.redis.status === 'ready') await this.redis.quit();
    else this.redis.disconnect();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [API_CONFIG, PinoLogger],
      useFactory: (config: ApiConfig, logger: PinoLogger): Redis => {
        const redis = createRedisConnection(config.REDIS_URL, 'producer', 'sluice-api');
        // Redis being down degrades the API (no cache, buffered usage); it is logged, not fatal.
        redis.on('error', (error: Error) =>
          logger.warn({ err: error.message }, 'Redis connection error'),
        );
        return redis;
      },
    },
    RedisLifecycle,
    RedisPersistenceMonitor,
  ],
  exports: [REDIS, RedisLifecycle, RedisPersistenceMonitor],
})
export class RedisModule {}
