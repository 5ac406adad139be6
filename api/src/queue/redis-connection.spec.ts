import { RECONNECT_BACKOFF, redisOptions } from './redis-connection.js';

describe('redisOptions', () => {
  it('lets worker commands wait out an outage', () => {
    const options = redisOptions('worker', 'sluice-worker');
    expect(options.maxRetriesPerRequest).toBeNull();
    expect(options.enableOfflineQueue).toBeUndefined();
  });

  it('makes producer commands fail fast', () => {
    const options = redisOptions('producer', 'sluice-api');
    expect(options.enableOfflineQueue).toBe(false);
    expect(options.maxRetriesPerRequest).toBe(1);
  });

  it.each(['worker', 'producer'] as const)('names %s connections', (role) => {
    expect(redisOptions(role, 'sluice-x').connectionName).toBe('sluice-x');
  });

  it.each(['worker', 'producer'] as const)('reconnects %s connections forever, capped', (role) => {
    const retry = redisOptions(role, 'sluice-x').retryStrategy;
    expect([1, 2, 3, 1000].map((times) => retry?.(times))).toEqual([
      RECONNECT_BACKOFF.initialMs,
      RECONNECT_BACKOFF.initialMs * 2,
      RECONNECT_BACKOFF.initialMs * 4,
      RECONNECT_BACKOFF.maxMs,
    ]);
  });
});
