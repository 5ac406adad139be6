import { status as GrpcStatus } from '@grpc/grpc-js';
import { UsageStatus } from '@sluice/proto';
import { ApiTokensRepository } from '../src/modules/apitokens/api-tokens.repository.js';
import { ledgerDecisionId } from '../src/modules/router/decision-ids.js';
import { eventually, issueToken } from './support/router-app.js';
import { routerFixture } from './support/router-fixture.js';
import { failure } from '../src/testing/grpc-failure.js';

const policy = { namespace: 'default', name: 'default' };
const text = (value: string) => ({ case: 'text' as const, value });

describe('API-token auth on RouterService (database behind a TCP proxy)', () => {
  const fixture = routerFixture({ proxyDatabase: true });

  it.each([
    ['no token', {}],
    ['an unknown token', { authorization: `Bearer sluice_${'x'.repeat(43)}` }],
    ['another scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
  ])('answers UNAUTHENTICATED to %s', async (_, metadata) => {
    const error = await failure(
      fixture.app.client.route({ policy, prompt: text('hi') }, { metadata }),
    );
    expect(error.code).toBe(GrpcStatus.UNAUTHENTICATED);
  });

  it('refuses revoked and expired tokens', async () => {
    const revoked = await issueToken(fixture.app, fixture.tenant);
    await fixture.app.moduleRef.get(ApiTokensRepository, { strict: false }).revoke(revoked.tokenId);
    const expired = await issueToken(fixture.app, fixture.tenant, {
      expiresAt: new Date(Date.now() - 1000),
    });
    for (const { bearer } of [revoked, expired]) {
      const error = await failure(
        fixture.app.client.route({ policy, prompt: text('hi') }, { metadata: bearer }),
      );
      expect(error.code).toBe(GrpcStatus.UNAUTHENTICATED);
    }
  });

  it("imposes a scoped token's tags and refuses tags outside its scope, naming the tag", async () => {
    const search = {
      metadata: (await issueToken(fixture.app, fixture.tenant, { scope: { team: 'search' } }))
        .bearer,
    };
    const denied = await failure(
      fixture.app.client.route({ policy, prompt: text('hi'), tags: { team: 'ads' } }, search),
    );
    expect(denied.code).toBe(GrpcStatus.PERMISSION_DENIED);
    expect(denied.metadata.get('sluice-field-violation')).toEqual([
      "tags[team]: is outside the API token's scope (team=search)",
    ]);
    const { decision } = await fixture.app.client.route(
      { policy, prompt: text('hi'), tags: { product: 'x' } },
      search,
    );
    const id = ledgerDecisionId(fixture.tenant, decision?.decisionId ?? '');
    const [row] = await eventually(
      () =>
        fixture.dataSource.query<Array<{ tags: unknown }>>(
          `SELECT tags FROM route_decisions WHERE decision_id = $1`,
          [id],
        ),
      (rows) => rows.length === 1,
    );
    expect(row?.tags).toEqual({ team: 'search', product: 'x' });

    const ads = {
      metadata: (await issueToken(fixture.app, fixture.tenant, { scope: { team: 'ads' } })).bearer,
    };
    const usage = { decisionId: decision?.decisionId ?? '', status: UsageStatus.OK };
    const foreign = await failure(fixture.app.client.reportUsage({ usage }, ads));
    expect(foreign.code).toBe(GrpcStatus.PERMISSION_DENIED);
  });

  it('keeps serving a verified token while PostgreSQL is down; an unverified one is UNAVAILABLE', async () => {
    const known = { metadata: (await issueToken(fixture.app, fixture.tenant)).bearer };
    const fresh = { metadata: (await issueToken(fixture.app, fixture.tenant)).bearer };
    await fixture.app.client.route({ policy, prompt: text('warm up') }, known);
    await fixture.proxy.close();
    try {
      const { decision } = await fixture.app.client.route(
        { policy, prompt: text('still here?') },
        known,
      );
      expect(decision?.target?.model?.name).not.toBe('');
      const error = await failure(fixture.app.client.route({ policy, prompt: text('hi') }, fresh));
      expect(error.code).toBe(GrpcStatus.UNAVAILABLE);
    } finally {
      await fixture.proxy.open();
    }
  });
});
