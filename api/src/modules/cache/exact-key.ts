import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import {
  CACHE_KEY_PREFIX,
  type CacheParams,
  type CacheRequest,
  type CacheScope,
  tokenScopeKey,
} from './cache.types.js';
import { normalizeMessages, normalizePrompt } from './normalize.js';

/** The request's text in normalized form: a prompt, or the whole conversation. */
export function normalizedInput(request: CacheRequest): unknown {
  return request.prompt === undefined
    ? { messages: normalizeMessages(request.messages) }
    : { prompt: normalizePrompt(request.prompt) };
}

/**
 * Parameters in one canonical shape: a single stop string equals a one-element list, and the
 * order of stop sequences does not matter to the model, so they are sorted.
 */
export function canonicalParams(params: CacheParams | undefined): unknown {
  if (params === undefined) return {};
  const { stop, ...rest } = params;
  if (stop === undefined) return rest;
  const stops = typeof stop === 'string' ? [stop] : [...stop];
  return { ...rest, stop: stops.sort() };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The Redis key of a request's exact-cache entry. The hash covers the tenant, the token scope, the policy, the
 * normalized input and every parameter that changes the answer; the tenant is also spelled out
 * (URI-encoded, so ':' in a name cannot forge another tenant's prefix) so that one tenant's
 * entries can be listed or purged with a prefix scan.
 */
export function exactKey(scope: CacheScope, request: CacheRequest): string {
  const team = tokenScopeKey(scope);
  const identity = canonicalJson({
    tenant: scope.tenant,
    // Only when scoped, so the tenant-wide keys stay what they were.
    ...(team === '' ? {} : { tokenScope: team }),
    policy: `${scope.policy.namespace}/${scope.policy.name}`,
    input: normalizedInput(request),
    params: canonicalParams(request.params),
  });
  return `${CACHE_KEY_PREFIX}exact:${encodeURIComponent(scope.tenant)}:${sha256(identity)}`;
}
