// The whole API (AppModule, real PostgreSQL, Redis and BullMQ, gRPC and HTTP on free ports) with
// two tenants and their tokens, for the tenant-isolation and /metrics tests: tenant one has
// teams alpha and beta (scoped tokens) and a tenant-wide token; tenant two has its own.
import { randomBytes, randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { EconomicsService, RouterService, SystemService } from '@sluice/proto';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { runMigrations } from '../../src/database/migrate.js';
import { createUnaryClient } from '../../src/grpc/grpc-client.js';
import { GrpcServer } from '../../src/grpc/grpc-server.js';
import { ApiTokensRepository } from '../../src/modules/apitokens/api-tokens.repository.js';
import { LedgerRepository } from '../../src/modules/ledger/ledger.repository.js';
import {
  EXAMPLE_CACHE,
  exampleRoutingPolicy,
  InMemoryRoutingView,
} from '../../src/modules/routing/testing/in-memory-routing-view.js';
import {
  exampleModels,
  exampleProfiles,
} from '../../src/modules/routing/engine/testing/examples.js';
import { TenantsRepository } from '../../src/modules/tenants/tenants.repository.js';
import { startInProcessApi } from '../../src/testing/in-process-api.js';
import { openDataSource } from '../../src/testing/throwaway-database.js';
import { TEST_REDIS_URL } from './test-api.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** Policies in namespace default: the example (both caches), one semantic only, one for tenant two. */
export const POLICIES = {
  both: { namespace: 'default', name: 'default' },
  semantic: { namespace: 'default', name: 'semantic-only' },
  tenantTwo: { namespace: 'default', name: 'tenant-two' },
} as const;

function view(): InMemoryRoutingView {
  const models = exampleModels().map((m) => m.obj());
  const named = (name: string, cache = EXAMPLE_CACHE) => {
    const policy = exampleRoutingPolicy(cache);
    return { ...policy, metadata: { ...policy.metadata, name } };
  };
  const semanticOnly = { ...EXAMPLE_CACHE, exact: { enabled: false, ttlSeconds: 3600 } };
  return new InMemoryRoutingView()
    .put(named(POLICIES.both.name), models, exampleProfiles())
    .put(named(POLICIES.semantic.name, semanticOnly), models, exampleProfiles())
    .put(named(POLICIES.tenantTwo.name), models, exampleProfiles());
}

/** Prices of the example models from a day ago, and one replica of llama running since. */
async function recordPrices(ledger: LedgerRepository): Promise<void> {
  const since = new Date(Date.now() - 86_400_000);
  const model = (name: string) => ({ namespace: 'default', name });
  const external = {
    provider: 'external',
    inputPer1M: '5',
    cachedInputPer1M: '2.5',
    outputPer1M: '15',
  } as const;
  await ledger.recordPrice(model('gpt-4o'), external, since);
  for (const name of ['llama-3-1-8b-awq', 'ticket-classifier', 'qwen2-5-32b-fp8'])
    await ledger.recordPrice(model(name), { provider: 'vllm', gpuHourlyUSD: '2' }, since);
  await ledger.recordCapacity(model('llama-3-1-8b-awq'), {
    observedAt: since,
    readyReplicas: 1,
    gpusPerReplica: 1,
    gpuHourlyUSD: '2',
  });
}

export interface Actor {
  readonly tenantId: string;
  readonly tenantName: string;
  /** Call options carrying the actor's API token. */
  readonly as: { readonly timeoutMs: number; readonly metadata: { authorization: string } };
  readonly token: string;
  /** The tags the actor's usage carries (its token scope). */
  readonly scope: Readonly<Record<string, string>>;
}

const clients = (address: string) => ({
  router: createUnaryClient(RouterService, address),
  economics: createUnaryClient(EconomicsService, address),
  system: createUnaryClient(SystemService, address),
});

export interface TwoTenants {
  readonly app: INestApplication;
  readonly httpUrl: string;
  readonly dataSource: DataSource;
  readonly clients: ReturnType<typeof clients>;
  readonly alpha: Actor;
  readonly beta: Actor;
  readonly tenantWide: Actor;
  readonly other: Actor;
  close(): Promise<void>;
}

export async function startTwoTenants(env: Record<string, string> = {}): Promise<TwoTenants> {
  const db: TestDatabase = await createTestDatabase();
  await runMigrations(db.url);
  const queueName = `isolation-it-${randomUUID()}`;
  const app = await startInProcessApi({
    databaseUrl: db.url,
    redisUrl: TEST_REDIS_URL,
    view: view(),
    queueName,
    logName: 'isolation-test',
    env,
  });
  await recordPrices(app.get(LedgerRepository));
  const tenants = app.get(TenantsRepository);
  const tokens = app.get(ApiTokensRepository);
  const suffix = randomBytes(3).toString('hex');
  const actor = async (tenantName: string, scope: Record<string, string> = {}) => {
    const { id: tenantId } = await tenants.create({ name: tenantName });
    const name = `t-${randomBytes(3).toString('hex')}`;
    const { token } = await tokens.issue({ tenantId, name, scope });
    const as = { timeoutMs: 10_000, metadata: { authorization: `Bearer ${token}` } };
    return { tenantId, tenantName, token, as, scope };
  };
  const alpha = await actor(`one-${suffix}`, { team: 'alpha' });
  const reuse = async (scope: Record<string, string>): Promise<Actor> => {
    const name = `t-${randomBytes(3).toString('hex')}`;
    const { token } = await tokens.issue({ tenantId: alpha.tenantId, name, scope });
    const as = { timeoutMs: 10_000, metadata: { authorization: `Bearer ${token}` } };
    return { ...alpha, token, as, scope };
  };
  const beta = await reuse({ team: 'beta' });
  const tenantWide = await reuse({});
  const other = await actor(`two-${suffix}`);
  const dataSource = await openDataSource(db.url);
  const address = `127.0.0.1:${app.get(GrpcServer).port}`;
  const all = clients(address);
  return {
    app,
    httpUrl: (await app.getUrl()).replace('[::1]', '127.0.0.1'),
    dataSource,
    clients: all,
    alpha,
    beta,
    tenantWide,
    other,
    close: async () => {
      Object.values(all).forEach((client) => client.close());
      await app.close();
      await dataSource.destroy();
      const queue = new Queue(queueName, { connection: { url: TEST_REDIS_URL } });
      await queue.obliterate({ force: true });
      await queue.close();
      await db.drop();
    },
  };
}
