// Which Redis local mode uses: REDIS_URL when it is set; else a private redis-server
// (private-redis.ts); else, when none is installed, the conventional 127.0.0.1:6379, said loudly
// because the API then reports Redis DOWN unless one happens to run there.
import type { Logger } from '@sluice/common';
import type { PrivateRedis } from './private-redis.js';

export const CONVENTIONAL_REDIS_URL = 'redis://127.0.0.1:6379';

export interface RedisInUse {
  readonly url: string;
  readonly source: 'REDIS_URL' | 'private' | 'conventional';
}

export async function localRedis(
  url: string | undefined,
  redis: PrivateRedis,
  logger: Logger,
): Promise<RedisInUse> {
  if (url !== undefined) {
    logger.info({ url: withoutPassword(url) }, 'Using REDIS_URL');
    return { url, source: 'REDIS_URL' };
  }
  const started = await redis.start();
  if (started !== undefined) return { url: started, source: 'private' };
  logger.warn(
    { url: CONVENTIONAL_REDIS_URL },
    `Found no redis-server on PATH, so using ${CONVENTIONAL_REDIS_URL}: install Redis ` +
      '(apt-get install redis-server, brew install redis) for a private one, or set REDIS_URL',
  );
  return { url: CONVENTIONAL_REDIS_URL, source: 'conventional' };
}

/** For logs and the banner: a REDIS_URL may carry a password (redis://:secret@host:6379). */
export function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
}
