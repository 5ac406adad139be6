import { banner, redisLine } from './banner.js';

describe('banner', () => {
  const facts = {
    grpc: '127.0.0.1:50051',
    http: 'http://127.0.0.1:8080',
    tokenFile: '/repo/.sluice/token',
    kubeconfig: undefined,
    existingCluster: '/home/me/.kube/config',
    backends: [],
  };

  it('says which Redis is in use', () => {
    const text = banner({ ...facts, redis: { url: 'redis://127.0.0.1:40123', source: 'private' } });
    expect(text).toContain(
      '  Redis        redis://127.0.0.1:40123   (private redis-server, append-only file in .sluice/redis; stops with sluice dev)',
    );
  });
  it('points at the unit-economics page the API serves', () => {
    const text = banner({
      ...facts,
      redis: { url: 'redis://127.0.0.1:6379', source: 'REDIS_URL' },
    });
    expect(text).toContain('  Dashboard    http://127.0.0.1:8080/dashboard   (unit economics;');
  });
});

describe('redisLine', () => {
  it.each([
    [
      { url: 'redis://:pw@cache:6379', source: 'REDIS_URL' as const },
      'redis://:***@cache:6379   (REDIS_URL)',
    ],
    [
      { url: 'redis://127.0.0.1:6379', source: 'conventional' as const },
      'redis://127.0.0.1:6379   (no redis-server on PATH: install Redis for a private one, or set REDIS_URL)',
    ],
  ])('names where %o came from', (redis, line) => {
    expect(redisLine(redis)).toBe(line);
  });
});
