import type { CachedResponse } from './cache.types.js';

/**
 * Stored form of an answer; `v` lets a later format coexist with entries already in Redis.
 * Optional fields are added within v1: older readers ignore them, older entries lack them.
 */
export function encodeResponse(response: CachedResponse): string {
  return JSON.stringify({ v: 1, ...response });
}

/**
 * Reads back what encodeResponse wrote. Anything else (another version, a corrupted or
 * foreign value) is undefined: the caller treats it as a miss, never as an answer.
 */
export function decodeResponse(raw: string | null | undefined): CachedResponse | undefined {
  if (raw === null || raw === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || value.v !== 1 || typeof value.content !== 'string') return undefined;
  return {
    content: value.content,
    ...(typeof value.model === 'string' ? { model: value.model } : {}),
    ...(typeof value.outputTokens === 'number' ? { outputTokens: value.outputTokens } : {}),
    ...provenanceOf(value),
  };
}

function provenanceOf(value: Record<string, unknown>): Partial<CachedResponse> {
  const { sourceDecisionId, cachedAt } = value;
  return {
    ...(typeof sourceDecisionId === 'string' ? { sourceDecisionId } : {}),
    ...(typeof cachedAt === 'number' && Number.isSafeInteger(cachedAt) ? { cachedAt } : {}),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
