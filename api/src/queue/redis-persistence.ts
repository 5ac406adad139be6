/**
 * Whether Redis keeps what it acknowledged across its own restart. Only the append-only file
 * does: RDB snapshots (`save`) lose everything written since the last one, so they count as
 * volatile here. `appendfsync` says how much an AOF can still lose: `always` nothing, `everysec`
 * about a second, `no` whatever the OS had not flushed (a killed redis-server loses nothing, a
 * crashed machine up to ~30 s). https://redis.io/docs/latest/operate/oss_and_stack/management/persistence/
 */
export interface RedisPersistence {
  readonly persistent: boolean;
  readonly appendonly: 'yes' | 'no';
  /** Unknown when read from INFO (CONFIG disabled, as on managed Redis): INFO does not say. */
  readonly appendfsync?: string;
  readonly source: 'CONFIG GET' | 'INFO persistence';
}

/** From `CONFIG GET appendonly` and `CONFIG GET appendfsync` replies ([name, value] pairs). */
export function persistenceFromConfig(
  appendonly: readonly string[],
  appendfsync: readonly string[],
): RedisPersistence {
  const enabled = appendonly[1]?.toLowerCase() === 'yes';
  const fsync = appendfsync[1]?.toLowerCase();
  return {
    persistent: enabled,
    appendonly: enabled ? 'yes' : 'no',
    ...(fsync ? { appendfsync: fsync } : {}),
    source: 'CONFIG GET',
  };
}

/** From `INFO persistence`: `aof_enabled:1` (Redis 2.6+). Missing: not persistent. */
export function persistenceFromInfo(info: string): RedisPersistence {
  const enabled = /^aof_enabled:1\s*$/m.test(info);
  return { persistent: enabled, appendonly: enabled ? 'yes' : 'no', source: 'INFO persistence' };
}

/** One line for /readyz?verbose, GetStatus and the logs. */
export function describePersistence(
  persistence: RedisPersistence | undefined,
  acksVolatile: boolean,
): string {
  if (persistence === undefined)
    return 'persistence unknown (not checked yet): usage is acknowledged once written to PostgreSQL';
  const settings = `appendonly ${persistence.appendonly}${
    persistence.appendfsync === undefined ? '' : `, appendfsync ${persistence.appendfsync}`
  }; from ${persistence.source}`;
  if (persistence.persistent) return `persistent (${settings})`;
  const ack = acksVolatile
    ? 'usage is acknowledged into the queue anyway (USAGE_VOLATILE_ACK=true): a Redis restart while PostgreSQL is down loses it'
    : 'usage is acknowledged once written to PostgreSQL';
  return `volatile (${settings}): ${ack}`;
}
