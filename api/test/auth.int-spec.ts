import { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { UsageStatus } from '@sluice/proto';
import type { DataSource } from 'typeorm';
import { ApiTokensRepository } from '../src/modules/apitokens/api-tokens.repository.js';
import { ledgerDecisionId } from '../src/modules/router/decision-ids.js';
import { exampleRoutingView } from '../src/modules/routing/testing/in-memory-routing-view.js';
import { createTenant, migratedDatabase } from './support/ledger-fixtures.js';
import { eventually, issueToken, startRouterApp, type RouterApp } from './support/router-app.js';
import { databaseProxy, viaProxy } from './support/ledger-cluster.js';
import type { TcpProxy } from './support/tcp-proxy.js';
import type { TestDatabase } from './support/test-database.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const policy = { namespace: 'default', name: 'default' };
const text = (value: string) => ({ case: 'text' as const, value });

async function failure(call: Promise<unknown>): Promise<ServiceError> {
  try {
    await call;
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error('expected the call to fail');
}

describe('API-token auth on RouterService (database behind a TCP proxy)', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let app: RouterApp;
  let dataSource: DataSource;
  let tenant: string;

  beforeAll(async () => {
    ({ db, dataSource } = await migratedDatabase());
    proxy = await databaseProxy(db);
    await proxy.open();
    app = await startRouterApp(
      { database: viaProxy(db, proxy), redis: REDIS_URL },
      exampleRoutingView(),
    );
    tenant = await createTenant(dataSource);
  });

  afterAll(async () => {
    await app.close();
    await proxy.close();
    await dataSource.destroy();
    await db.drop();
  });

  it.each([
    ['no token', {}],
    ['an unknown token', { authorization: `Bearer sluice_${'x'.repeat(43)}` }],
    ['another scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
  ])('answers UNAUTHENTICATED to %s', async (_, metadata) => {
    const error = await failure(app.client.route({ policy, prompt: text('hi') }, { metadata }));
    expect(error.code).toBe(GrpcStatus.UNAUTHENTICATED);
  });

  it('refuses revoked and expired tokens', async () => {
    const revoked = await issueToken(app, tenant);
    await app.moduleRef.get(ApiTokensRepository, { strict: false }).revoke(revoked.tokenId);
    const expired = await issueToken(app, tenant, { expiresAt: new Date(Date.now() - 1000) });
    for (const { bearer } of [revoked, expired]) {
      const error = await failure(
        app.client.route({ policy, prompt: text('hi') }, { metadata: bearer }),
      );
      expect(error.code).toBe(GrpcStatus.UNAUTHENTICATED);
    }
  });

  it("imposes a scoped token's tags and refuses tags outside its scope, naming the tag", async () => {
    const search = {
      metadata: (await issueToken(app, tenant, { scope: { team: 'search' } })).bearer,
    };
    const denied = await failure(
      app.client.route({ policy, prompt: text('hi'), tags: { team: 'ads' } }, search),
    );
    expect(denied.code).toBe(GrpcStatus.PERMISSION_DENIED);
    expect(denied.metadata.get('sluice-field-violation')).toEqual([
      "tags[team]: is outside the API token's scope (team=search)",
    ]);
    const { decision } = await app.client.route(
      { policy, prompt: text('hi'), tags: { product: 'x' } },
      search,
    );
    const id = ledgerDecisionId(tenant, decision?.decisionId ?? '');
    const [row] = await eventually(
      () =>
        dataSource.query<Array<{ tags: unknown }>>(
          `SELECT tags FROM route_decisions WHERE decision_id = $1`,
          [id],
        ),
      (rows) => rows.length === 1,
    );
    expect(row?.tags).toEqual({ team: 'search', product: 'x' });

    const ads = { metadata: (await issueToken(app, tenant, { scope: { team: 'ads' } })).bearer };
    const usage = { decisionId: decision?.decisionId ?? '', status: UsageStatus.OK };
    const foreign = await failure(app.client.reportUsage({ usage }, ads));
    expect(foreign.code).toBe(GrpcStatus.PERMISSION_DENIED);
  });

  it('keeps serving a verified token while PostgreSQL is down; an unverified one is UNAVAILABLE', async () => {
    const known = { metadata: (await issueToken(app, tenant)).bearer };
    const fresh = { metadata: (await issueToken(app, tenant)).bearer };
    await app.client.route({ policy, prompt: text('warm up') }, known);
    await proxy.close();
    try {
      const { decision } = await app.client.route({ policy, prompt: text('still here?') }, known);
      expect(decision?.target?.model?.name).not.toBe('');
      const error = await failure(app.client.route({ policy, prompt: text('hi') }, fresh));
      expect(error.code).toBe(GrpcStatus.UNAVAILABLE);
    } finally {
      await proxy.open();
    }
  });
});
