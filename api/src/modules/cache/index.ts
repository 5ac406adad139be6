import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import { CacheMetrics } from './cache-metrics.js';
import { CacheService, lexicalResolver, type EmbedderResolver } from './cache.service.js';
import { ExactCache } from './exact-cache.js';
import { SemanticCache, type SemanticCacheOptions } from './semantic-cache.js';
import { SemanticStore } from './semantic-store.js';

export { CacheService, lexicalResolver } from './cache.service.js';
export type { CacheEntry, CacheQuery, EmbedderResolver } from './cache.service.js';
export type * from './cache.types.js';
export { cacheSettings, type PolicyCacheSpec } from './cache-settings.js';
export { createCacheRedis, cacheRedisOptions } from './cache-redis.js';
export type { Embedder } from './embedder.js';
export { LexicalEmbedder } from './lexical-embedder.js';
export { OpenAiEmbedder, type OpenAiEmbedderOptions } from './openai-embedder.js';

export interface CacheDeps {
  /** Preferably from createCacheRedis (no offline queue, command timeout); any connection works. */
  readonly redis: Redis;
  readonly registry: Registry;
  readonly embedders?: EmbedderResolver;
  readonly semantic?: SemanticCacheOptions;
  readonly onError?: (error: unknown, operation: string) => void;
}

/** The cache as Route and ReportUsage use it, assembled from its parts. */
export function createCacheService(deps: CacheDeps): CacheService {
  const metrics = new CacheMetrics(deps.registry);
  const onError = deps.onError;
  const exact = new ExactCache(deps.redis, metrics, onError === undefined ? {} : { onError });
  const semanticOptions = { ...deps.semantic, ...(onError === undefined ? {} : { onError }) };
  const semantic = new SemanticCache(new SemanticStore(deps.redis), metrics, semanticOptions);
  return new CacheService(exact, semantic, deps.embedders ?? lexicalResolver());
}
