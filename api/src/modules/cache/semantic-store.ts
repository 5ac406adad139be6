import type { Redis } from 'ioredis';
import { CACHE_COMMAND_TIMEOUT_MS, withDeadline } from './cache-redis.js';
import { CACHE_KEY_PREFIX, tokenScopeKey, type CacheScope } from './cache.types.js';
import { decodeResponse, encodeResponse } from './cached-response.js';
import type { SemanticEntry } from './semantic-index.js';

/** Longest TTL a policy may set (the CRD's maximum): the partition's index outlives no entry longer. */
const MAX_TTL_MS = 2_592_000_000;

export interface StoredEntry {
  readonly entry: SemanticEntry;
  readonly vector: Float32Array;
}

/**
 * Redis key prefix of one partition: tenant, policy, vector space and, for a scoped token, its
 * scope, each URI-encoded (a scoped prefix never prefixes the tenant-wide one's `:e:` and `:ids`).
 */
export function partitionPrefix(scope: CacheScope, embedderId: string): string {
  const { tenant, policy } = scope;
  const parts = [tenant, policy.namespace, policy.name, embedderId].map(encodeURIComponent);
  const team = tokenScopeKey(scope);
  const scoped = team === '' ? '' : `:scope:${encodeURIComponent(team)}`;
  return `${CACHE_KEY_PREFIX}semantic:${parts.join(':')}${scoped}`;
}

/**
 * Semantic entries in Redis, so that a restarted replica, or another one, can fill its index.
 * Per partition: one hash per entry (question, context hash, answer, times and the vector, so
 * rebuilding never re-embeds) expiring with the entry, and a sorted set of entry ids by
 * creation time. Loading reads the set, not a SCAN: SCAN walks the whole keyspace, which
 * BullMQ shares, while the set lists exactly this partition's entries, newest last, and lets
 * a replica fetch only what was added since it last looked. The set is trimmed to the same
 * bound as the in-memory index, deleting the trimmed entries' hashes.
 */
export class SemanticStore {
  constructor(
    private readonly redis: Redis,
    private readonly timeoutMs = CACHE_COMMAND_TIMEOUT_MS,
  ) {}

  async save(prefix: string, stored: StoredEntry, maxEntries: number): Promise<void> {
    const { entry, vector } = stored;
    const key = `${prefix}:e:${entry.id}`;
    const index = `${prefix}:ids`;
    const write = this.redis
      .multi()
      .hset(key, {
        question: entry.question,
        contextHash: entry.contextHash,
        response: encodeResponse(entry.response),
        createdAt: String(entry.createdAt),
        expiresAt: String(entry.expiresAt),
        vector: Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64'),
      })
      .pexpireat(key, entry.expiresAt)
      .zadd(index, entry.createdAt, entry.id)
      .pexpire(index, MAX_TTL_MS)
      .zcard(index)
      .exec();
    const results = await withDeadline(write, this.timeoutMs);
    // A MULTI resolves even when a command in it failed (say WRONGTYPE): surface that.
    const failed = results?.find(([error]) => error !== null)?.[0];
    if (failed) throw failed;
    const count = Number(results?.at(-1)?.[1] ?? 0);
    if (count > maxEntries) await this.trim(prefix, count - maxEntries);
  }

  /** Drops the oldest `excess` entries, hash and all. */
  private async trim(prefix: string, excess: number): Promise<void> {
    const popped = await withDeadline(this.redis.zpopmin(`${prefix}:ids`, excess), this.timeoutMs);
    const ids = popped.filter((_value, i) => i % 2 === 0);
    if (ids.length > 0)
      await withDeadline(this.redis.del(...ids.map((id) => `${prefix}:e:${id}`)), this.timeoutMs);
  }

  /** Entries created at or after `since` that `known` does not list, oldest first. */
  async load(
    prefix: string,
    since: number,
    known: (id: string) => boolean,
  ): Promise<StoredEntry[]> {
    const index = `${prefix}:ids`;
    const ids = (
      await withDeadline(this.redis.zrangebyscore(index, since, '+inf'), this.timeoutMs)
    ).filter((id) => !known(id));
    if (ids.length === 0) return [];
    const read = this.redis.pipeline();
    for (const id of ids) read.hgetall(`${prefix}:e:${id}`);
    const replies = (await withDeadline(read.exec(), this.timeoutMs)) ?? [];
    const loaded: StoredEntry[] = [];
    const gone: string[] = [];
    ids.forEach((id, i) => {
      const stored = parseEntry(id, replies[i]?.[1] as Record<string, string> | undefined);
      if (stored === undefined) gone.push(id);
      else loaded.push(stored);
    });
    // Hashes that expired leave their ids behind; tidy them so the next load skips them.
    if (gone.length > 0) await withDeadline(this.redis.zrem(index, ...gone), this.timeoutMs);
    return loaded;
  }
}

function parseEntry(id: string, hash: Record<string, string> | undefined): StoredEntry | undefined {
  const response = decodeResponse(hash?.response);
  if (hash === undefined || response === undefined || hash.vector === undefined) return undefined;
  const bytes = Buffer.from(hash.vector, 'base64');
  // Copied into its own buffer: a Float32Array view needs 4-byte alignment the Buffer may lack.
  const vector = new Float32Array(new Uint8Array(bytes).buffer);
  return {
    entry: {
      id,
      question: hash.question ?? '',
      contextHash: hash.contextHash ?? '',
      response,
      createdAt: Number(hash.createdAt),
      expiresAt: Number(hash.expiresAt),
    },
    vector,
  };
}
