// Everything the fuzzed API runs against: its own migrated database, a Redis database of its
// own, the Kubernetes-API test server with examples/ applied and every model Ready (so Route
// gets past the catalog into rules, budgets, shadowing and the caches), and three tenants.
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { exampleObjects, Objects } from '../../../e2e/src/chart/chart-cluster.js';
import { runMigrations } from '../../src/database/migrate.js';
import { ApiTokensRepository } from '../../src/modules/apitokens/api-tokens.repository.js';
import { createTenant, openDataSource } from '../support/ledger-fixtures.js';
import {
  installSluiceCrds,
  readyCondition,
  sluiceObjects,
  startTestCluster,
  type TestCluster,
} from '../support/sluice-cluster.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { TEST_REDIS_URL } from '../support/test-api.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
/**
 * The usage queue has a fixed name, so API processes sharing a Redis database share it. This
 * suite takes database 8 (e2e journeys take 11-14) and empties it before and after a run.
 */
const REDIS_DB = Number(process.env.FUZZ_REDIS_DB ?? 8);

/** A token the fuzzer sends with; `scope` is the tags every valid request of it carries. */
export interface Token {
  readonly name: string;
  readonly tenantId: string;
  readonly token: string;
  readonly tags: Readonly<Record<string, string>>;
}

export interface World {
  readonly dataSource: DataSource;
  readonly env: { DATABASE_URL: string; REDIS_URL: string; KUBECONFIG: string };
  /** Admin of tenant A. */
  readonly admin: Token;
  /** Tenant B's token, scoped to team=search. */
  readonly scoped: Token;
  /** Tenant C: never fuzzed with; its requests after the run must still route and be recorded. */
  readonly bystander: Token;
  close(): Promise<void>;
}

async function applyExamples(cluster: TestCluster): Promise<void> {
  const objects = new Objects(cluster.kubeConfig);
  const sluice = sluiceObjects(cluster.kubeConfig);
  for (const object of exampleObjects(join(ROOT, 'examples'), 'default')) {
    if (!object.apiVersion?.startsWith('sluice.dev/')) continue;
    await objects.create(object);
    // No operator runs here: the models are marked Ready as it would once they serve.
    if (object.kind === 'InferenceModel' && object.metadata?.name)
      await sluice.patchStatus(object.metadata.name, { conditions: [readyCondition(true)] });
  }
}

async function emptyRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}

export async function buildWorld(): Promise<World> {
  const db: TestDatabase = await createTestDatabase('sluice_fuzz');
  await runMigrations(db.url);
  const dataSource = await openDataSource(db.url);
  const tokens = new ApiTokensRepository(dataSource);
  const token = async (name: string, tags: Record<string, string>, options: object) => {
    const tenantId = await createTenant(dataSource, name);
    const issued = await tokens.issue({ tenantId, name, ...options });
    return { name, tenantId, token: issued.token, tags };
  };
  const admin = await token('admin', { team: 'search' }, { admin: true });
  const scoped = await token('scoped', { team: 'search' }, { scope: { team: 'search' } });
  const bystander = await token('bystander', { team: 'support' }, {});
  const cluster = await startTestCluster();
  await installSluiceCrds(cluster.kubeConfig);
  await applyExamples(cluster);
  const redis = new URL(TEST_REDIS_URL);
  redis.pathname = `/${REDIS_DB}`;
  await emptyRedis(redis.toString());
  return {
    dataSource,
    env: { DATABASE_URL: db.url, REDIS_URL: redis.toString(), KUBECONFIG: cluster.kubeconfigPath },
    admin,
    scoped,
    bystander,
    close: async () => {
      await dataSource.destroy();
      await cluster.close();
      await db.drop();
      await emptyRedis(redis.toString());
    },
  };
}
