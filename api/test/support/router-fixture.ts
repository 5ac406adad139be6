import type { DataSource } from 'typeorm';
import { exampleRoutingView } from '../../src/modules/routing/testing/in-memory-routing-view.js';
import { databaseProxy, viaProxy } from './ledger-cluster.js';
import { createTenant, migratedDatabase } from './ledger-fixtures.js';
import { issueToken, startRouterApp, type RouterApp } from './router-app.js';
import type { TcpProxy } from './tcp-proxy.js';
import type { TestDatabase } from './test-database.js';

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
  const parts: Partial<Omit<RouterFixture<R>, 'redis' | 'proxy'>> = {};
  let proxy: TcpProxy | undefined;
  let redis: R | undefined;

  beforeAll(async () => {
    const { db, dataSource } = await migratedDatabase();
    Object.assign(parts, { db, dataSource });
    if (options.proxyDatabase === true) {
      proxy = await databaseProxy(db);
      await proxy.open();
    }
    redis = await options.redis?.();
    const urls = {
      database: proxy === undefined ? db.url : viaProxy(db, proxy),
      redis: redis?.url ?? SHARED_REDIS_URL,
    };
    const app = await startRouterApp(urls, exampleRoutingView(), options.app);
    const tenant = await createTenant(dataSource);
    const auth = { metadata: (await issueToken(app, tenant)).bearer };
    Object.assign(parts, { app, tenant, auth });
  }, options.timeoutMs);

  afterAll(async () => {
    await parts.app?.close();
    await redis?.stop();
    await proxy?.close();
    await parts.dataSource?.destroy();
    await parts.db?.drop();
  });

  const present = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`routerFixture: no ${what} (before beforeAll?)`);
    return value;
  };
  return {
    get db() {
      return present(parts.db, 'database');
    },
    get dataSource() {
      return present(parts.dataSource, 'dataSource');
    },
    get app() {
      return present(parts.app, 'app');
    },
    get tenant() {
      return present(parts.tenant, 'tenant');
    },
    get auth() {
      return present(parts.auth, 'auth');
    },
    get proxy() {
      return present(proxy, 'proxy (proxyDatabase)');
    },
    get redis() {
      return present(redis, 'redis (options.redis)');
    },
  };
}
