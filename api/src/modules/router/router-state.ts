import { Inject, Injectable, Optional, type OnApplicationShutdown } from '@nestjs/common';
import { Registry } from 'prom-client';
import type { Redis } from 'ioredis';
import { PinoLogger } from 'nestjs-pino';
import { InjectApiConfig, type ApiConfig } from '../../config/api-config.js';
import { errorMessage } from '../../util/error-message.js';
import { createCacheRedis, createCacheService, type CacheService } from '../cache/index.js';
import {
  ROUTING_VIEW,
  SPEND_VIEW,
  type RoutingView,
  type SpendView,
} from '../routing/routing-view.js';
import { TokenBudgets } from '../tokens/token-budgets.js';
import { DECISION_STORE_DEFAULTS, DecisionStore } from './decision-store.js';

/** The namespace of a ResourceRef without one (tokens are not bound to namespaces yet). */
export const DEFAULT_NAMESPACE = 'default';

/**
 * What Route reads of the cluster and the ledger: policy snapshots, month-to-date spend per
 * budget tag (optional) and per budgeted API token.
 */
@Injectable()
export class RouterViews {
  readonly defaultNamespace = DEFAULT_NAMESPACE;

  constructor(
    @Inject(ROUTING_VIEW) readonly routing: RoutingView,
    readonly tokenBudgets: TokenBudgets,
    // Without a SpendView budgets are not enforced, as the engine does without figures.
    @Optional() @Inject(SPEND_VIEW) readonly spend?: SpendView,
  ) {}
}

/**
 * The Router's Redis-backed memory: response caches and remembered decisions, on a connection
 * of its own with a command timeout (cache-redis.ts), so a dead Redis costs Route at most that.
 */
@Injectable()
export class RouterMemory implements OnApplicationShutdown {
  readonly cache: CacheService;
  readonly decisions: DecisionStore;
  private readonly redis: Redis;

  constructor(@InjectApiConfig() config: ApiConfig, registry: Registry, logger: PinoLogger) {
    this.redis = createCacheRedis(config.REDIS_URL, 'sluice-router');
    this.redis.on('error', (error: Error) =>
      logger.debug({ err: error.message }, 'Router Redis connection error'),
    );
    const onError = (error: unknown) =>
      logger.debug({ err: errorMessage(error) }, 'Router Redis command failed');
    this.cache = createCacheService({ redis: this.redis, registry, onError });
    this.decisions = new DecisionStore(
      this.redis,
      { ...DECISION_STORE_DEFAULTS, memoryBytes: config.DECISION_MEMORY_MB * 2 ** 20 },
      onError,
    );
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
