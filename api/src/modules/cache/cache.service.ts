import type {
  CachedResponse,
  CacheHit,
  CacheRequest,
  CacheScope,
  CacheSettings,
} from './cache.types.js';
import type { Embedder } from './embedder.js';
import type { ExactCache } from './exact-cache.js';
import { exactKey } from './exact-key.js';
import { LexicalEmbedder } from './lexical-embedder.js';
import type { SemanticCache } from './semantic-cache.js';

/** A query as Route sees it: who asks under which policy, what, and the policy's cache settings. */
export type CacheQuery = CacheScope & CacheRequest & { readonly settings: CacheSettings };

/** An answer to keep, from ReportUsage when the caller marked the response cacheable. */
export type CacheEntry = CacheQuery & {
  readonly response: CachedResponse;
  /** The caller's own bound; it can shorten the policy's TTL, never extend it. */
  readonly ttlSeconds?: number;
};

/**
 * The embedder for a policy's `embeddingModelRef` (undefined: none). Undefined means it cannot
 * be had now (unknown or unready model): the semantic cache is skipped, not served from
 * another vector space.
 */
export type EmbedderResolver = (embeddingModel: string | undefined) => Embedder | undefined;

/** Without a model named, the local lexical embedder (SPEC section 5); named models need wiring. */
export function lexicalResolver(embedder: Embedder = new LexicalEmbedder()): EmbedderResolver {
  return (embeddingModel) => (embeddingModel === undefined ? embedder : undefined);
}

/**
 * What Route and ReportUsage call. Lookup tries the exact cache, then the semantic one; both
 * are best effort (a broken Redis or embedder is a miss), so Route never fails because of them.
 */
export class CacheService {
  constructor(
    private readonly exact: ExactCache,
    private readonly semantic: SemanticCache,
    private readonly embedders: EmbedderResolver = lexicalResolver(),
    private readonly now: () => number = Date.now,
  ) {}

  async lookup(query: CacheQuery): Promise<CacheHit | undefined> {
    const { exact, semantic } = query.settings;
    if (exact.enabled) {
      const sourceKey = exactKey(query, query);
      const response = await this.exact.get(sourceKey);
      if (response !== undefined) return { kind: 'exact', response, sourceKey };
    }
    const embedder = semantic.enabled ? this.embedders(semantic.embeddingModel) : undefined;
    if (embedder === undefined) return undefined;
    const hit = await this.semantic.lookup(
      { scope: query, request: query, embedder },
      semantic.similarityThreshold,
    );
    return hit === undefined ? undefined : { kind: 'semantic', ...hit };
  }

  /** Stores the answer in each enabled cache, stamped with the time; says which ones took it. */
  async store(entry: CacheEntry): Promise<{ exact: boolean; semantic: boolean }> {
    const { exact, semantic } = entry.settings;
    const response = { ...entry.response, cachedAt: this.now() };
    const ttl = (policyTtl: number): number => Math.min(policyTtl, entry.ttlSeconds ?? policyTtl);
    const embedder = semantic.enabled ? this.embedders(semantic.embeddingModel) : undefined;
    const [storedExact, storedSemantic] = await Promise.all([
      exact.enabled
        ? this.exact.set(exactKey(entry, entry), response, ttl(exact.ttlSeconds))
        : false,
      embedder === undefined
        ? false
        : this.semantic.save(
            { scope: entry, request: entry, embedder },
            response,
            ttl(semantic.ttlSeconds),
          ),
    ]);
    return { exact: storedExact, semantic: storedSemantic };
  }
}
