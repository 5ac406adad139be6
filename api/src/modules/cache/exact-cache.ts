import type { Redis } from 'ioredis';
import { withDeadline, CACHE_COMMAND_TIMEOUT_MS } from './cache-redis.js';
import type { CacheMetrics } from './cache-metrics.js';
import type { CachedResponse } from './cache.types.js';
import { decodeResponse, encodeResponse } from './cached-response.js';
import { TurnBatch } from '../../util/turn-batch.js';

export interface ExactCacheOptions {
  /** Bound on each Redis round trip; past it the lookup is a miss. */
  readonly timeoutMs?: number;
  readonly onError?: (error: unknown, operation: 'get' | 'set') => void;
}

/**
 * Answers of byte-identical (after normalization) requests, one Redis string per key with the
 * policy's TTL. Redis trouble never reaches the caller: a failed get is a miss, a failed set
 * is reported as not stored. Keys come from exactKey(), which always includes the tenant.
 */
export class ExactCache {
  private readonly timeoutMs: number;
  /** The lookups of one event-loop turn, as one MGET: one write and one reply for them all. */
  private readonly lookups: TurnBatch<string, string | null>;

  constructor(
    private readonly redis: Redis,
    private readonly metrics: CacheMetrics,
    private readonly options: ExactCacheOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? CACHE_COMMAND_TIMEOUT_MS;
    this.lookups = new TurnBatch((keys) => this.redis.mget(keys));
  }

  async get(key: string): Promise<CachedResponse | undefined> {
    try {
      const response = decodeResponse(await withDeadline(this.lookups.add(key), this.timeoutMs));
      this.metrics.lookup('exact', response === undefined ? 'miss' : 'hit');
      return response;
    } catch (error) {
      this.metrics.lookup('exact', 'error');
      this.options.onError?.(error, 'get');
      return undefined;
    }
  }

  async set(key: string, response: CachedResponse, ttlSeconds: number): Promise<boolean> {
    try {
      const ttl = Math.max(1, Math.floor(ttlSeconds));
      await withDeadline(this.redis.set(key, encodeResponse(response), 'EX', ttl), this.timeoutMs);
      this.metrics.store('exact', 'stored');
      return true;
    } catch (error) {
      this.metrics.store('exact', 'error');
      this.options.onError?.(error, 'set');
      return false;
    }
  }
}
