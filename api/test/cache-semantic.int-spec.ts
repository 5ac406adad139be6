import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { CacheMetrics } from '../src/modules/cache/cache-metrics.js';
import { cacheRedisOptions } from '../src/modules/cache/cache-redis.js';
import {
  CacheService,
  lexicalResolver,
  type CacheQuery,
} from '../src/modules/cache/cache.service.js';
import type { CacheSettings } from '../src/modules/cache/cache.types.js';
import { ExactCache } from '../src/modules/cache/exact-cache.js';
import { LexicalEmbedder } from '../src/modules/cache/lexical-embedder.js';
import { SemanticCache, type SemanticCacheOptions } from '../src/modules/cache/semantic-cache.js';
import { NEAR_MISSES } from '../src/modules/cache/semantic-guard.cases.js';
import { SemanticStore } from '../src/modules/cache/semantic-store.js';
import { createCacheService } from '../src/modules/cache/index.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const settings = (threshold: number, exact = true, ttlSeconds = 600): CacheSettings => ({
  exact: { enabled: exact, ttlSeconds },
  semantic: { enabled: true, similarityThreshold: threshold, ttlSeconds },
});

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`nothing within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Cache service with the semantic cache on the real Redis', () => {
  const redis = new Redis(REDIS_URL, cacheRedisOptions('sluice-it-semantic'));
  const run = `it-${randomUUID()}`;
  const tenant = (team: string): string => `${run}-${team}`;
  const closers: Array<() => void> = [];

  /** A replica of the API's cache: its own memory, the shared Redis. */
  function replica(options: SemanticCacheOptions = {}, connection: Redis = redis) {
    const metrics = new CacheMetrics(new Registry());
    const semantic = new SemanticCache(new SemanticStore(connection), metrics, options);
    return { service: new CacheService(new ExactCache(connection, metrics), semantic), metrics };
  }

  const query = (
    team: string,
    prompt: string,
    cache: CacheSettings,
    policy = 'default',
  ): CacheQuery => ({
    tenant: tenant(team),
    policy: { namespace: 'prod', name: policy },
    prompt,
    settings: cache,
  });

  beforeAll(async () => {
    if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
  });

  afterAll(async () => {
    for (const close of closers) close();
    const keys = [
      ...(await redis.keys(`sluice:cache:v1:semantic:${run}*`)),
      ...(await redis.keys(`sluice:cache:v1:exact:${run}*`)),
    ];
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('answers a rewording from the semantic cache, and the same words from the exact one', async () => {
    const { service, metrics } = replica();
    const cache = settings(0.8);
    await service.store({
      ...query('a', 'How do I reset my password?', cache),
      response: { content: 'Use the link.' },
    });

    const exact = await service.lookup(query('a', 'How do I reset my  password?', cache));
    const semantic = await service.lookup(query('a', 'How can I reset my password?', cache));
    const unrelated = await service.lookup(query('a', 'Write a poem about autumn leaves', cache));

    expect(exact).toMatchObject({ kind: 'exact', response: { content: 'Use the link.' } });
    expect(semantic).toMatchObject({ kind: 'semantic', response: { content: 'Use the link.' } });
    expect(semantic?.kind === 'semantic' && semantic.similarity).toBeGreaterThanOrEqual(0.8);
    expect(semantic?.sourceKey).toContain(
      `sluice:cache:v1:semantic:${run}-a:prod:default:lexical-v1-512:e:`,
    );
    expect(unrelated).toBeUndefined();
    expect(await metrics.count('exact', 'hit')).toBe(1);
    expect(await metrics.count('exact', 'miss')).toBe(2);
    expect(await metrics.count('semantic', 'hit')).toBe(1);
    expect(await metrics.count('semantic', 'miss')).toBe(1);
  });

  it('keeps the decision and the time of an answer in both caches, across replicas', async () => {
    const at = Date.now() - 5_000;
    const metrics = new CacheMetrics(new Registry());
    const semantic = new SemanticCache(new SemanticStore(redis), metrics);
    const exact = new ExactCache(redis, metrics);
    const service = new CacheService(exact, semantic, lexicalResolver(), () => at);
    const cache = settings(0.8);
    await service.store({
      ...query('prov', 'How do I export my data?', cache),
      response: { content: 'From Settings.', sourceDecisionId: 'd-7' },
    });

    const provenance = { content: 'From Settings.', sourceDecisionId: 'd-7', cachedAt: at };
    await expect(
      service.lookup(query('prov', 'How do I export my data?', cache)),
    ).resolves.toMatchObject({ kind: 'exact', response: provenance });
    const reworded = query('prov', 'How can I export my data?', cache);
    await expect(service.lookup(reworded)).resolves.toMatchObject({
      kind: 'semantic',
      response: provenance,
    });
    // Another replica reads the entry back from Redis, provenance and all.
    await expect(replica().service.lookup(reworded)).resolves.toMatchObject({
      kind: 'semantic',
      response: provenance,
    });
  });

  it('serves a semantic entry stored without provenance: no decision, the time it was added', async () => {
    const added = Date.now() - 5_000;
    const old = new SemanticCache(new SemanticStore(redis), new CacheMetrics(new Registry()), {
      now: () => added,
    });
    const scope = { tenant: tenant('old'), policy: { namespace: 'prod', name: 'default' } };
    const embedder = new LexicalEmbedder();
    // What the cache wrote before answers carried their decision and time.
    await old.save(
      { scope, request: { prompt: 'Where is my invoice?' }, embedder },
      { content: 'Billing' },
      600,
    );

    const hit = await replica().service.lookup(
      query('old', 'Where is my invoice', settings(0.8, false)),
    );
    expect(hit?.response).toEqual({ content: 'Billing', cachedAt: added });
  });

  it('never answers a near miss, even with a threshold that lets every neighbour through', async () => {
    const { service, metrics } = replica();
    const open = settings(0, false);
    const answers = await Promise.all(
      NEAR_MISSES.map(async ([stored, asked], i) => {
        // One policy per pair: each lookup can only meet its own pair's entry.
        await service.store({
          ...query('a', stored, open, `pair-${i}`),
          response: { content: `answer to ${stored}` },
        });
        const own = await service.lookup(query('a', stored, open, `pair-${i}`));
        const near = await service.lookup(query('a', asked, open, `pair-${i}`));
        return { own: own?.response.content, near };
      }),
    );

    // Each stored question finds its own answer, so the refusals below are the guard's doing.
    expect(answers.map((a) => a.own)).toEqual(NEAR_MISSES.map(([stored]) => `answer to ${stored}`));
    expect(answers.filter((a) => a.near !== undefined)).toEqual([]);
    expect(await metrics.count('semantic', 'rejected')).toBe(NEAR_MISSES.length);
    const rejections = (await metrics.guardRejections.get()).values.reduce(
      (sum, v) => sum + v.value,
      0,
    );
    expect(rejections).toBe(NEAR_MISSES.length);
  });

  it("never gives tenant B tenant A's answer, exact or similar", async () => {
    const { service } = replica();
    const cache = settings(0);
    await service.store({
      ...query('a', 'Summarize our Q3 roadmap', cache),
      response: { content: 'A secret' },
    });

    await expect(
      service.lookup(query('b', 'Summarize our Q3 roadmap', cache)),
    ).resolves.toBeUndefined();
    await expect(
      service.lookup(query('b', 'Summarize our Q3 roadmap please', cache)),
    ).resolves.toBeUndefined();
    await expect(
      service.lookup(query('a', 'Summarize our Q3 roadmap please', cache)),
    ).resolves.toMatchObject({
      kind: 'semantic',
    });
  });

  it('does not share answers across different parameters or conversations', async () => {
    const { service } = replica();
    const cache = settings(0, false);
    const base = query('a', 'Tell me a joke about databases', cache, 'params');
    await service.store({
      ...base,
      params: { temperature: 0 },
      response: { content: 'cold joke' },
    });

    await expect(
      service.lookup({ ...base, params: { temperature: 0.9 } }),
    ).resolves.toBeUndefined();
    await expect(service.lookup({ ...base, params: { temperature: 0 } })).resolves.toMatchObject({
      kind: 'semantic',
    });
    const chat = (system: string): CacheQuery => ({
      ...query('a', '', cache, 'params'),
      prompt: undefined,
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: 'Tell me a joke about databases' },
      ],
    });
    await service.store({ ...chat('You are terse.'), response: { content: 'terse joke' } });
    await expect(service.lookup(chat('You are verbose.'))).resolves.toBeUndefined();
    await expect(service.lookup(chat('You are terse.'))).resolves.toMatchObject({
      response: { content: 'terse joke' },
    });
  });

  it('expires entries with the policy TTL, in memory and in Redis', async () => {
    const { service } = replica();
    const cache = settings(0, false, 1);
    const stored = await service.store({
      ...query('ttl', 'How tall is Mont Blanc?', cache),
      response: { content: '4808 m' },
    });
    expect(stored).toEqual({ exact: false, semantic: true });
    const [entry] = await redis.keys(`sluice:cache:v1:semantic:${tenant('ttl')}:*:e:*`);
    const pttl = await redis.pttl(entry ?? '');
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(1000);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    await expect(
      service.lookup(query('ttl', 'How tall is Mont Blanc?', cache)),
    ).resolves.toBeUndefined();
  });

  it('fills a restarted replica from Redis, and another replica with what was added since', async () => {
    const cache = settings(0.8, false);
    const first = replica();
    await first.service.store({
      ...query('r', 'What is the refund policy?', cache),
      response: { content: '30 days' },
    });
    const other = replica({ syncIntervalMs: 0 });

    // Restart: the new replica's index is rebuilt from Redis on first use.
    await expect(
      other.service.lookup(query('r', 'what is the refund policy', cache)),
    ).resolves.toMatchObject({
      response: { content: '30 days' },
    });
    // Added by the first replica later: the other one picks it up in a background sync.
    await first.service.store({
      ...query('r', 'How do I cancel my order?', cache),
      response: { content: 'Orders page' },
    });
    const synced = await eventually(() =>
      other.service.lookup(query('r', 'how do I cancel my order', cache)),
    );
    expect(synced.response.content).toBe('Orders page');
  });

  it('keeps a partition within its bound in Redis too', async () => {
    const { service } = replica({ maxEntriesPerIndex: 2 });
    const cache = settings(0.99, false);
    for (const prompt of [
      'first question about cats',
      'second question about dogs',
      'third question about birds',
    ]) {
      await service.store({ ...query('bound', prompt, cache), response: { content: prompt } });
    }
    const ids = await redis.zrange(
      `sluice:cache:v1:semantic:${tenant('bound')}:prod:default:lexical-v1-512:ids`,
      0,
      -1,
    );
    expect(ids).toHaveLength(2);
    expect(await redis.keys(`sluice:cache:v1:semantic:${tenant('bound')}:*:e:*`)).toHaveLength(2);
    await expect(
      service.lookup(query('bound', 'first question about cats', cache)),
    ).resolves.toBeUndefined();
    await expect(
      service.lookup(query('bound', 'third question about birds', cache)),
    ).resolves.toBeDefined();
  });

  it('misses without throwing when Redis is unreachable', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const dead = new Redis(`redis://127.0.0.1:${port}`, cacheRedisOptions('sluice-it-dead'));
    dead.on('error', () => undefined);
    closers.push(() => dead.disconnect());
    const { service, metrics } = replica({}, dead);
    const cache = settings(0.8);

    await expect(service.lookup(query('dead', 'Is anyone there?', cache))).resolves.toBeUndefined();
    await expect(
      service.store({ ...query('dead', 'Is anyone there?', cache), response: { content: 'no' } }),
    ).resolves.toEqual({
      exact: false,
      semantic: false,
    });
    expect(await metrics.count('exact', 'error')).toBe(1);
  });

  it('is assembled by createCacheService with its counters in the given registry', async () => {
    const registry = new Registry();
    const errors: string[] = [];
    const service = createCacheService({ redis, registry, onError: (_e, op) => errors.push(op) });
    const cache = settings(0.8);
    await service.store({
      ...query('made', 'Where is the invoice PDF?', cache),
      response: { content: 'Billing' },
    });

    await expect(
      service.lookup(query('made', 'Where is the invoice PDF?', cache)),
    ).resolves.toMatchObject({ kind: 'exact' });
    const text = await registry.metrics();
    expect(text).toContain('sluice_cache_lookups_total{kind="exact",result="hit"} 1');
    expect(text).toContain('sluice_cache_stores_total{kind="semantic",result="stored"} 1');
    expect(errors).toEqual([]);
  });

  it('reports a store Redis refused inside its transaction as not stored', async () => {
    const { service, metrics } = replica();
    const cache = settings(0.8, false);
    // Something else owns the partition's id set: the ZADD in the MULTI fails with WRONGTYPE.
    await redis.set(
      `sluice:cache:v1:semantic:${tenant('clash')}:prod:default:lexical-v1-512:ids`,
      'x',
    );

    const stored = await service.store({
      ...query('clash', 'Any question', cache),
      response: { content: 'a' },
    });
    expect(stored).toEqual({ exact: false, semantic: false });
    expect((await metrics.stores.get()).values).toContainEqual(
      expect.objectContaining({ labels: { kind: 'semantic', result: 'error' }, value: 1 }),
    );
  });
});
