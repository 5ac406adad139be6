import { withDeadline } from './cache-redis.js';
import type { CacheMetrics } from './cache-metrics.js';
import type { CachedResponse, CacheRequest, CacheScope } from './cache.types.js';
import type { Embedder } from './embedder.js';
import { hnswParams, type HnswParams } from './hnsw-params.js';
import { sha256 } from './exact-key.js';
import { semanticFrame } from './semantic-frame.js';
import { extractFacets, type Facets } from './facets.js';
import { compareFacets } from './semantic-guard.js';
import { StoredFacets } from './stored-facets.js';
import type { Candidate } from './semantic-index.js';
import { SemanticPartition } from './semantic-partition.js';
import { partitionPrefix, type SemanticStore } from './semantic-store.js';

export interface SemanticCacheOptions {
  /** Nearest entries examined per lookup; the first one above threshold that passes the guard wins. */
  readonly topK?: number;
  readonly maxEntriesPerIndex?: number;
  /** Indexes kept in memory; the least recently used goes (and reloads from Redis if used again). */
  readonly maxIndexes?: number;
  /** What all indexes may weigh together (entryBytes); least recently used indexes go first. */
  readonly maxBytes?: number;
  readonly syncIntervalMs?: number;
  /** The indexes' HNSW parameters; unset ones keep the measured SEMANTIC_HNSW (README table). */
  readonly hnsw?: Partial<HnswParams>;
  /** Bound on embedding a query on the hot path. */
  readonly embedTimeoutMs?: number;
  readonly onError?: (error: unknown, operation: 'lookup' | 'store' | 'sync') => void;
  readonly now?: () => number;
}

/**
 * 64 MiB for every tenant's semantic indexes together (README, memory bounds). The chart limits
 * the API to 512Mi; `make soak` measured ~410 MiB RSS with the decision memory at its bound.
 */
export const SEMANTIC_CACHE_MAX_BYTES = 64 * 2 ** 20;

export interface SemanticQuery {
  readonly scope: CacheScope;
  readonly request: CacheRequest;
  readonly embedder: Embedder;
}

export interface SemanticHit {
  readonly response: CachedResponse;
  readonly similarity: number;
  readonly sourceKey: string;
}

/**
 * Answers of similar questions: embed, nearest neighbours in the partition's index, similarity
 * at or above the policy's threshold, same context and parameters, the false-hit guard, not
 * expired. Partitions are per (tenant, policy, embedder): a tenant never searches another's.
 */
export class SemanticCache {
  private readonly partitions = new Map<string, SemanticPartition>();
  private readonly storedFacets = new StoredFacets();
  private readonly settings: Required<Omit<SemanticCacheOptions, 'onError'>>;

  constructor(
    private readonly store: SemanticStore,
    private readonly metrics: CacheMetrics,
    private readonly options: SemanticCacheOptions = {},
  ) {
    this.settings = {
      topK: options.topK ?? 8,
      maxEntriesPerIndex: options.maxEntriesPerIndex ?? 10_000,
      maxIndexes: options.maxIndexes ?? 256,
      maxBytes: options.maxBytes ?? SEMANTIC_CACHE_MAX_BYTES,
      syncIntervalMs: options.syncIntervalMs ?? 5_000,
      hnsw: hnswParams(options.hnsw),
      embedTimeoutMs: options.embedTimeoutMs ?? 500,
      now: options.now ?? Date.now,
    };
  }

  async lookup(query: SemanticQuery, threshold: number): Promise<SemanticHit | undefined> {
    try {
      const hit = await this.find(query, threshold);
      this.metrics.lookup(
        'semantic',
        hit === 'rejected' ? 'rejected' : hit === undefined ? 'miss' : 'hit',
      );
      return hit === 'rejected' ? undefined : hit;
    } catch (error) {
      this.metrics.lookup('semantic', 'error');
      this.options.onError?.(error, 'lookup');
      return undefined;
    }
  }

  private async find(
    query: SemanticQuery,
    threshold: number,
  ): Promise<SemanticHit | 'rejected' | undefined> {
    const { question, contextHash } = semanticFrame(query.request);
    const partition = await this.partition(query);
    // An empty index cannot hit: skip the embedding call, which may be a network round trip.
    if (question === '' || partition.index.size === 0) return undefined;
    const vector = await this.embed(query.embedder, question);
    if (vector === undefined) return undefined;
    const candidates = partition.index
      .search(vector, this.settings.topK, this.settings.now())
      .filter((c) => c.entry.contextHash === contextHash && c.similarity >= threshold);
    return this.firstAccepted(question, candidates, partition.prefix);
  }

  private firstAccepted(question: string, candidates: readonly Candidate[], prefix: string) {
    // The query's facets once for all its candidates, and only if there is one.
    let facets: Facets | undefined;
    for (const { entry, similarity } of candidates) {
      facets ??= extractFacets(question);
      const verdict = compareFacets(facets, this.storedFacets.of(entry));
      if (verdict.accepted) {
        // Entries stored before responses carried their time still know when they were added.
        const response = { cachedAt: entry.createdAt, ...entry.response };
        return { response, similarity, sourceKey: `${prefix}:e:${entry.id}` };
      }
      this.metrics.guardRejections.inc({ facet: verdict.facet });
    }
    return candidates.length > 0 ? 'rejected' : undefined;
  }

  /**
   * Stores an answer in this replica's index and in Redis. False when Redis did not take it:
   * this replica may still serve it, but a restart or another replica will not see it.
   */
  async save(query: SemanticQuery, response: CachedResponse, ttlSeconds: number): Promise<boolean> {
    const { question, contextHash } = semanticFrame(query.request);
    if (question === '') return false;
    try {
      const vector = await this.embed(query.embedder, question);
      if (vector === undefined) return false;
      const partition = await this.partition(query);
      const createdAt = this.settings.now();
      const id = sha256(`${contextHash}\n${question}`).slice(0, 32);
      const entry = {
        id,
        question,
        contextHash,
        response,
        createdAt,
        expiresAt: createdAt + ttlSeconds * 1000,
      };
      partition.index.add(entry, vector);
      this.trim(partition);
      await this.store.save(partition.prefix, { entry, vector }, this.settings.maxEntriesPerIndex);
      this.metrics.store('semantic', 'stored');
      return true;
    } catch (error) {
      this.metrics.store('semantic', 'error');
      this.options.onError?.(error, 'store');
      return false;
    }
  }

  /** The question's vector; undefined when it has no direction (nothing the embedder knows). */
  private async embed(embedder: Embedder, text: string): Promise<Float32Array | undefined> {
    const [vector] = await withDeadline(embedder.embed([text]), this.settings.embedTimeoutMs);
    return vector?.some((value) => value !== 0) ? vector : undefined;
  }

  private async partition({ scope, embedder }: SemanticQuery): Promise<SemanticPartition> {
    const prefix = partitionPrefix(scope, embedder.id);
    let partition = this.partitions.get(prefix);
    if (partition === undefined) {
      const { maxEntriesPerIndex: maxEntries, maxBytes, syncIntervalMs, hnsw } = this.settings;
      partition = new SemanticPartition(prefix, embedder, this.store, {
        maxEntries,
        maxBytes,
        syncIntervalMs,
        hnsw,
      });
    }
    // Re-inserted on every use, so the Map's first key is the least recently used.
    this.partitions.delete(prefix);
    this.partitions.set(prefix, partition);
    for (const lru of this.partitions.keys()) {
      if (this.partitions.size <= this.settings.maxIndexes) break;
      this.partitions.delete(lru);
    }
    await partition.ready(this.settings.now(), (error) => this.options.onError?.(error, 'sync'));
    this.trim(partition);
    return partition;
  }

  /** Drops the least recently used other indexes while all of them weigh more than maxBytes. */
  private trim(current: SemanticPartition): void {
    let total = 0;
    for (const partition of this.partitions.values()) total += partition.index.bytes;
    for (const [prefix, lru] of this.partitions) {
      if (total <= this.settings.maxBytes) return;
      if (lru === current) continue;
      this.partitions.delete(prefix);
      total -= lru.index.bytes;
    }
  }
}
