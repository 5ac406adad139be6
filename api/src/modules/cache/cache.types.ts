/**
 * The cache's own domain types. The gRPC contract (proto) and the RoutingPolicy CRD are mapped
 * onto these at the edges, so the cache does not change when either wire shape does.
 */

/** Who a cached answer belongs to. Every key includes the tenant: one tenant never gets another's. */
export interface CacheScope {
  readonly tenant: string;
  readonly policy: { readonly namespace: string; readonly name: string };
  /**
   * The tag scope of the API token that routed the query (e.g. { team: 'search' }): answers are
   * shared only among tokens of the same scope, so one team never gets another's. Absent or {}:
   * the tenant-wide partition (the keys entries had before scopes were part of them).
   */
  readonly tokenScope?: Readonly<Record<string, string>>;
}

/** The token scope in one canonical spelling ('' when unscoped): sorted `key=value`, by ','. */
export function tokenScopeKey(scope: CacheScope): string {
  return Object.entries(scope.tokenScope ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

export interface ChatMessage {
  readonly role: string;
  readonly content: string;
  readonly name?: string;
}

/** Request parameters that change the answer, so requests differing in them never share it. */
export interface CacheParams {
  readonly model?: string;
  readonly tier?: string;
  readonly temperature?: number;
  readonly topP?: number;
  readonly maxTokens?: number;
  readonly stop?: string | readonly string[];
  readonly seed?: number;
  readonly presencePenalty?: number;
  readonly frequencyPenalty?: number;
  readonly responseFormat?: unknown;
  readonly tools?: unknown;
  readonly toolChoice?: unknown;
  /** Anything else the caller sends to the model that could change the answer. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** A query as the cache sees it: a plain prompt or chat messages, plus its parameters. */
export type CacheRequest = (
  | { readonly prompt: string; readonly messages?: undefined }
  | { readonly messages: readonly ChatMessage[]; readonly prompt?: undefined }
) & { readonly params?: CacheParams };

/**
 * What is cached: the answer, what savings accounting needs to price the hit, and where the
 * answer came from (router.proto CacheHit). Entries written before the provenance fields were
 * kept have none: they stay readable and their hits leave those fields empty.
 */
export interface CachedResponse {
  readonly content: string;
  readonly model?: string;
  readonly outputTokens?: number;
  /** Decision whose answer this is. */
  readonly sourceDecisionId?: string;
  /** When the answer entered the cache, in milliseconds since the epoch. */
  readonly cachedAt?: number;
}

/** A policy's cache settings, resolved from the CRD (see cache-settings.ts). */
export interface CacheSettings {
  readonly exact: { readonly enabled: boolean; readonly ttlSeconds: number };
  readonly semantic: {
    readonly enabled: boolean;
    /** Cosine similarity in [0, 1] at or above which a stored answer is a candidate. */
    readonly similarityThreshold: number;
    readonly ttlSeconds: number;
    /** InferenceModel serving /v1/embeddings; absent means the local lexical embedder. */
    readonly embeddingModel?: string;
  };
}

export type CacheHit =
  | { readonly kind: 'exact'; readonly response: CachedResponse; readonly sourceKey: string }
  | {
      readonly kind: 'semantic';
      readonly response: CachedResponse;
      readonly similarity: number;
      readonly sourceKey: string;
    };

/** Every Redis key the cache writes starts with this; bump the version to orphan old entries. */
export const CACHE_KEY_PREFIX = 'sluice:cache:v1:';
