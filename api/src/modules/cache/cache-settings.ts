import type { CacheSettings } from './cache.types.js';

/**
 * The `spec.cache` block of a RoutingPolicy, as the CRD declares it (crds/gen/routingpolicy.ts).
 * Restated here so the API does not depend on the CRD package; the API server has applied the
 * schema defaults by the time a policy is read, the fallbacks below only cover a bare object.
 */
export interface PolicyCacheSpec {
  readonly scope?: 'tenant';
  readonly exact?: { readonly enabled?: boolean; readonly ttlSeconds?: number };
  readonly semantic?: {
    readonly enabled?: boolean;
    readonly similarityThreshold?: string;
    readonly ttlSeconds?: number;
    readonly embeddingModelRef?: { readonly name: string };
  };
}

/** The CRD's defaults. */
export const DEFAULT_CACHE_SETTINGS: CacheSettings = {
  exact: { enabled: true, ttlSeconds: 3600 },
  semantic: { enabled: false, similarityThreshold: 0.95, ttlSeconds: 86_400 },
};

/**
 * Resolved cache settings. Cached answers are always per tenant (one team must never receive
 * another's), which is the only `scope` the CRD allows.
 * A threshold the schema should have refused (not a decimal in [0, 1]) disables the semantic
 * cache rather than guessing a value.
 */
export function cacheSettings(spec: PolicyCacheSpec | undefined): CacheSettings {
  return { exact: exactSettings(spec?.exact), semantic: semanticSettings(spec?.semantic) };
}

function exactSettings(exact: PolicyCacheSpec['exact']): CacheSettings['exact'] {
  const defaults = DEFAULT_CACHE_SETTINGS.exact;
  return {
    enabled: exact?.enabled ?? defaults.enabled,
    ttlSeconds: exact?.ttlSeconds ?? defaults.ttlSeconds,
  };
}

function semanticSettings(semantic: PolicyCacheSpec['semantic'] = {}): CacheSettings['semantic'] {
  const defaults = DEFAULT_CACHE_SETTINGS.semantic;
  const threshold = parseThreshold(semantic.similarityThreshold);
  const model = semantic.embeddingModelRef?.name;
  return {
    enabled: (semantic.enabled ?? defaults.enabled) && threshold !== undefined,
    similarityThreshold: threshold ?? defaults.similarityThreshold,
    ttlSeconds: semantic.ttlSeconds ?? defaults.ttlSeconds,
    ...(model === undefined ? {} : { embeddingModel: model }),
  };
}

export function parseThreshold(text: string | undefined): number | undefined {
  if (text === undefined) return DEFAULT_CACHE_SETTINGS.semantic.similarityThreshold;
  if (!/^\d+(\.\d+)?$/.test(text.trim())) return undefined;
  const value = Number(text);
  return value >= 0 && value <= 1 ? value : undefined;
}
