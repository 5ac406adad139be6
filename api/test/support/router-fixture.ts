import type { DataSource } from 'typeorm';
import { exampleRoutingView } from '../../src/modules/routing/testing/in-memory-routing-view.js';
import { databaseProxy, viaProxy } from './ledger-cluster.js';
import { createTenant, migratedDatabase } from './ledger-fixtures.js';
import { issueToken, startRouterApp, type RouterApp } from './router-app.js';
import type { TcpProxy } from './tcp-proxy.js';
import type { TestDatabase } from './test-database.js';
import { filledLater } from './filled-later.js';

const SHARED_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A Redis the test brings (its own server, a proxy): the app uses `url`; `stop` ends it. */
export interface FixtureRedis {
  readonly url: string;
  stop(): Promise<void>;
}

export interface RouterFixtureOptions<R extends FixtureRedis> {
  /** Puts PostgreSQL behind a TCP proxy (`proxy`) the test can cut and restore. */
  proxyDatabase?: boolean;
  /** Started before the app, stopped after it (`redis`); without it, the shared Redis. */
  redis?: () => Promise<R>;
  /** Before the app starts, on the migrated database (rows the app should find there). */
  prepare?: (dataSource: DataSource) => Promise<void>;
  /** For startRouterApp (TokensModule, volatileAck, ...). */
  app?: Parameters<typeof startRouterApp>[2];
  /** beforeAll's timeout, for set-ups slower than Jest's default (an own redis-server). */
  timeoutMs?: number;
}

/** What the tests use; read it inside tests and hooks (beforeAll fills it in). */
export interface RouterFixture<R extends FixtureRedis> {
  readonly db: TestDatabase;
  readonly dataSource: DataSource;
  readonly app: RouterApp;
  /** A tenant of its own, and a token of it as call options. */
  readonly tenant: string;
  readonly auth: { metadata: { authorization: string } };
  /** The database proxy; only with `proxyDatabase`. */
  readonly proxy: TcpProxy;
  /** Only with `redis`. */
  readonly redis: R;
}

/**
 * The set-up most RouterService integration tests share: a migrated database of their own, the
 * Router app on it (example policy) with its own usage queue, a tenant and a token; all of it
 * closed and dropped after the file. Registers the beforeAll/afterAll of the calling describe.
 */
export function routerFixture<R extends FixtureRedis = never>(
  options: RouterFixtureOptions<R> = {},
): RouterFixture<R> {
  const { fixture, parts } = filledLater<RouterFixture<R>>('routerFixture');

  beforeAll(async () => {
    const { db, dataSource } = await migratedDatabase();
    Object.assign(parts, { db, dataSource });
    await options.prepare?.(dataSource);
    if (options.proxyDatabase === true) {
      parts.proxy = await databaseProxy(db);
      await parts.proxy.open();
    }
    parts.redis = await options.redis?.();
    const urls = {
      database: parts.proxy === undefined ? db.url : viaProxy(db, parts.proxy),
      redis: parts.redis?.url ?? SHARED_REDIS_URL,
    };
    parts.app = await startRouterApp(urls, exampleRoutingView(), options.app);
    parts.tenant = await createTenant(dataSource);
    parts.auth = { metadata: (await issueToken(parts.app, parts.tenant)).bearer };
  }, options.timeoutMs);

  afterAll(async () => {
    await parts.app?.close();
    await parts.redis?.stop();
    await parts.proxy?.close();
    await parts.dataSource?.destroy();
    await parts.db?.drop();
  });
  return fixture;
}
