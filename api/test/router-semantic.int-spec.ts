// The semantic cache through Route: a rewording of an answered question is served from the
// tenant's semantic cache and booked as a semantic hit, while a near miss (another number) and
// another tenant are not. Lexical embedder (the default), threshold lowered to 0.8 for rewordings.
import { CacheKind, UsageStatus } from '@sluice/proto';
import type { DataSource } from 'typeorm';
import { runMigrations } from '../src/database/migrate.js';
import { exampleModels, exampleProfiles } from '../src/modules/routing/engine/testing/examples.js';
import {
  EXAMPLE_CACHE,
  exampleRoutingPolicy,
  InMemoryRoutingView,
} from '../src/modules/routing/testing/in-memory-routing-view.js';
import { createTenant, openDataSource } from './support/ledger-fixtures.js';
import { eventually, issueToken, startRouterApp, type RouterApp } from './support/router-app.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const policy = { namespace: 'default', name: 'default' };
const semantic = { ...EXAMPLE_CACHE.semantic, similarityThreshold: '0.8' };

describe('Route answers rewordings from the semantic cache', () => {
  let db: TestDatabase;
  let app: RouterApp;
  let dataSource: DataSource;
  let teamA: { metadata: { authorization: string } };
  let teamB: { metadata: { authorization: string } };

  beforeAll(async () => {
    db = await createTestDatabase();
    await runMigrations(db.url);
    dataSource = await openDataSource(db.url);
    const view = new InMemoryRoutingView().put(
      exampleRoutingPolicy({ ...EXAMPLE_CACHE, semantic }),
      exampleModels().map((m) => m.obj()),
      exampleProfiles(),
    );
    app = await startRouterApp({ database: db.url, redis: REDIS_URL }, view);
    teamA = { metadata: (await issueToken(app, await createTenant(dataSource))).bearer };
    teamB = { metadata: (await issueToken(app, await createTenant(dataSource))).bearer };
  });

  afterAll(async () => {
    await app?.close();
    await dataSource?.destroy();
    await db?.drop();
  });

  const route = (text: string, auth: typeof teamA) =>
    app.client.route(
      { policy, prompt: { case: 'text', value: text }, taskLabel: 'short-answer' },
      auth,
    );

  /** Routes `question` for team A (a miss) and reports `answer` as cacheable. */
  async function answerCacheably(question: string, answer: string): Promise<string> {
    const first = await route(question, teamA);
    expect(first.decision?.cacheHit).toBeUndefined();
    const decisionId = first.decision?.decisionId ?? '';
    await app.client.reportUsage(
      {
        usage: {
          decisionId,
          inputTokens: 20,
          outputTokens: 5,
          status: UsageStatus.OK,
          responseText: answer,
          cacheable: true,
        },
      },
      teamA,
    );
    return decisionId;
  }

  it('serves a rewording, books it as a semantic hit, and refuses a near miss', async () => {
    const question = `How many vacation days do new employees get in their first year (${Date.now()})?`;
    const answered = await answerCacheably(question, 'Twenty days.');
    const reworded = question.replace('How many vacation days do', 'how many vacation days do');
    const hit = await eventually(
      () => route(reworded, teamA),
      (reply) => reply.decision?.cacheHit !== undefined,
    );
    expect(hit.decision?.cacheHit).toMatchObject({
      kind: CacheKind.SEMANTIC,
      responseText: 'Twenty days.',
      sourceDecisionId: answered,
    });
    expect(hit.decision?.cacheHit?.cachedAt).toBeDefined();
    expect(hit.decision?.cacheHit?.similarity).toBeGreaterThanOrEqual(0.8);
    const rows = await eventually(
      () =>
        dataSource.query<Array<{ cache_kind: string; cost_usd: string }>>(
          `SELECT cache_kind, cost_usd FROM usage_records WHERE cache_kind = 'semantic'`,
        ),
      (r) => r.length >= 1,
    );
    expect(rows[0]).toMatchObject({ cache_kind: 'semantic', cost_usd: '0.000000000000' });

    // Another number is another question, however similar the words.
    const nearMiss = question.replace('first year', 'second year');
    expect((await route(nearMiss, teamA)).decision?.cacheHit).toBeUndefined();
    // Another tenant never gets tenant A's answer.
    expect((await route(reworded, teamB)).decision?.cacheHit).toBeUndefined();
  });
});
