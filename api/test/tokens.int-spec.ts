// TokenService end to end over gRPC (real PostgreSQL, Redis, BullMQ): two tenants, their admins,
// a scoped member token, revocation, expiry, a token's own monthly budget and its last use.
import { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { TokenRole, TokenService, UsageStatus } from '@sluice/proto';
import { createUnaryClient, type UnaryClient } from '../src/grpc/grpc-client.js';
import { LedgerRepository } from '../src/modules/ledger/ledger.repository.js';
import { TokenBudgets } from '../src/modules/tokens/token-budgets.js';
import { TokensModule } from '../src/modules/tokens/tokens.module.js';
import { eventually, issueToken } from './support/router-app.js';
import { routerFixture } from './support/router-fixture.js';
import { failure } from '../src/testing/grpc-failure.js';

const policy = { namespace: 'default', name: 'default' };
/** The example policy's models (examples.ts). */
const MODEL_NAMES = ['llama-3-1-8b-awq', 'ticket-classifier', 'qwen2-5-32b-fp8', 'gpt-4o'];

const as = (secret: string) => ({ metadata: { authorization: `Bearer ${secret}` } });
const hi = (tags: Record<string, string> = {}) => ({
  policy,
  prompt: { case: 'text' as const, value: 'Is this ticket about billing?' },
  taskLabel: 'classification',
  tags,
});

describe('TokenService: two tenants, their admins and scoped tokens', () => {
  const fixture = routerFixture({
    // Every model the policy may pick is token-priced, so usage costs money a budget can count.
    prepare: async (dataSource) => {
      const ledger = new LedgerRepository(dataSource);
      for (const name of MODEL_NAMES)
        await ledger.recordPrice(
          { namespace: 'default', name },
          { provider: 'external', inputPer1M: '2.50', outputPer1M: '10' },
          new Date(Date.UTC(2000, 0, 1)),
        );
    },
    app: { imports: [TokensModule] },
  });
  let tokens: UnaryClient<(typeof TokenService)['method']>;
  let platform: string;
  const admins = { a: { id: '', secret: '' }, b: { id: '', secret: '' } };

  beforeAll(async () => {
    tokens = createUnaryClient(TokenService, fixture.app.address);
    platform = (await issueToken(fixture.app, fixture.tenant, { admin: true })).token;
    for (const name of ['a', 'b'] as const) {
      await tokens.createTenant({ name: `tenant-${name}` }, as(platform));
      const created = await tokens.createToken(
        { tenant: `tenant-${name}`, name: `${name}-admin`, role: TokenRole.TENANT_ADMIN },
        as(platform),
      );
      admins[name] = { id: created.token?.id ?? '', secret: created.secret };
    }
  });

  afterAll(() => tokens?.close());

  /** A's admin issues a member token (its own tenant: `tenant` left empty). */
  const member = (init: Parameters<typeof tokens.createToken>[0] = {}) =>
    tokens.createToken({ name: 'member', ...init }, as(admins.a.secret));

  it('lets a platform admin create tenants and tenant admins; secrets are never listed', async () => {
    expect(admins.a.secret).toMatch(/^sluice_[A-Za-z0-9_-]{43}$/);
    const listed = await tokens.listTokens({}, as(platform));
    const names = listed.tokens.map((t) => [t.tenant, t.name, t.role]);
    expect(names).toEqual(
      expect.arrayContaining([
        ['tenant-a', 'a-admin', TokenRole.TENANT_ADMIN],
        ['tenant-b', 'b-admin', TokenRole.TENANT_ADMIN],
      ]),
    );
    const text = JSON.stringify(listed, (_, v: unknown) => (typeof v === 'bigint' ? `${v}` : v));
    expect(text).not.toContain(admins.a.secret.slice(13));
    const [hash] = await fixture.dataSource.query<Array<{ token_hash: string }>>(
      `SELECT token_hash FROM api_tokens WHERE id = $1`,
      [admins.a.id],
    );
    expect(text).not.toContain(hash?.token_hash);
    expect(listed.tokens.find((t) => t.id === admins.a.id)?.prefix).toBe(
      admins.a.secret.slice(0, 13),
    );
    const tenants = await tokens.listTenants({}, as(platform));
    expect(tenants.tenants.map((t) => t.name)).toEqual(
      expect.arrayContaining(['tenant-a', 'tenant-b']),
    );
  });

  it('answers INVALID_ARGUMENT naming the field for names no tenant can have', async () => {
    const calls = [
      tokens.listTokens({ tenant: 'tenant-a\u0000' }, as(platform)),
      tokens.createToken({ name: 'x', tenant: 'Tenant A' }, as(platform)),
      tokens.createTenant({ name: 'tenant\u0000c' }, as(platform)),
    ];
    for (const call of calls) {
      const error = await failure(call);
      expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
      expect(error.metadata.get('sluice-field-violation')).toEqual([
        expect.stringMatching(/^(tenant|name): /),
      ]);
    }
  });

  it('routes a team-scoped member within its team only, and books its decisions to it', async () => {
    const created = await member({ scope: { team: 'x' } });
    expect(created.token).toMatchObject({
      tenant: 'tenant-a',
      role: TokenRole.MEMBER,
      scope: { team: 'x' },
      createdBy: admins.a.id,
    });
    const { decision } = await fixture.app.client.route(hi(), as(created.secret));
    const denied = await failure(fixture.app.client.route(hi({ team: 'y' }), as(created.secret)));
    expect(denied.code).toBe(GrpcStatus.PERMISSION_DENIED);
    const rows = await eventually(
      () =>
        fixture.dataSource.query<Array<{ token_id: string; tags: unknown }>>(
          // The policy shadows 5% of small-tier queries: a shadow call is a second row, not a query.
          `SELECT token_id, tags FROM route_decisions WHERE token_id = $1 AND NOT shadow`,
          [created.token?.id],
        ),
      (r) => r.length === 1,
    );
    expect(rows).toEqual([{ token_id: created.token?.id, tags: { team: 'x' } }]);
    expect(decision?.decisionId).not.toBe('');
  });

  it("keeps A's admin out of B and below platform admin", async () => {
    const a = as(admins.a.secret);
    const codes = await Promise.all([
      failure(tokens.listTokens({ tenant: 'tenant-b' }, a)),
      failure(tokens.revokeToken({ id: admins.b.id }, a)),
      failure(tokens.createToken({ name: 'x', tenant: 'tenant-b' }, a)),
      failure(tokens.createToken({ name: 'x', role: TokenRole.PLATFORM_ADMIN }, a)),
      failure(tokens.createTenant({ name: 'tenant-c' }, a)),
    ]).then((errors) => errors.map((e) => e.code));
    expect(codes).toEqual([
      GrpcStatus.PERMISSION_DENIED,
      GrpcStatus.NOT_FOUND,
      GrpcStatus.PERMISSION_DENIED,
      GrpcStatus.PERMISSION_DENIED,
      GrpcStatus.PERMISSION_DENIED,
    ]);
    const own = await tokens.listTokens({}, a);
    expect(new Set(own.tokens.map((t) => t.tenant))).toEqual(new Set(['tenant-a']));
    await expect(tokens.listTokens({}, as(admins.b.secret))).resolves.toBeDefined();
    const stillThere = await tokens.listTokens({ tenant: 'tenant-b' }, as(platform));
    expect(stillThere.tokens.find((t) => t.id === admins.b.id)?.revokedAt).toBeUndefined();
  });

  it('lets a scoped tenant admin issue only within its scope; members manage nothing', async () => {
    const scopedAdmin = await member({ role: TokenRole.TENANT_ADMIN, scope: { team: 'x' } });
    const wider = await failure(
      tokens.createToken({ name: 'y', scope: { team: 'y' } }, as(scopedAdmin.secret)),
    );
    expect(wider.code).toBe(GrpcStatus.PERMISSION_DENIED);
    expect(wider.metadata.get('sluice-field-violation')).toEqual([
      expect.stringMatching(/^scope\[team\]: /),
    ]);
    const narrowed = await tokens.createToken({ name: 'z' }, as(scopedAdmin.secret));
    expect(narrowed.token?.scope).toEqual({ team: 'x' });
    const seen = await tokens.listTokens({}, as(scopedAdmin.secret));
    expect(seen.tokens.every((t) => t.scope.team === 'x')).toBe(true);
    const byMember = await failure(tokens.listTokens({}, as(narrowed.secret)));
    expect(byMember.code).toBe(GrpcStatus.PERMISSION_DENIED);
  });

  it('stops a revoked token at once on this replica and records who revoked it', async () => {
    const created = await member();
    await fixture.app.client.route(hi(), as(created.secret)); // now remembered as verified
    const { token } = await tokens.revokeToken(
      { id: created.token?.id ?? '' },
      as(admins.a.secret),
    );
    expect(token).toMatchObject({ revokedBy: admins.a.id, revokedAt: expect.anything() as object });
    const error = await failure(fixture.app.client.route(hi(), as(created.secret)));
    expect(error.code).toBe(GrpcStatus.UNAUTHENTICATED);
    const listed = await tokens.listTokens({}, as(admins.a.secret));
    expect(listed.tokens.map((t) => t.id)).not.toContain(created.token?.id);
    const withRevoked = await tokens.listTokens({ includeRevoked: true }, as(admins.a.secret));
    expect(withRevoked.tokens.map((t) => t.id)).toContain(created.token?.id);
  });

  it('stops a token at its expiry', async () => {
    const created = await member({ expiry: { case: 'expiresIn', value: { seconds: 3n } } });
    expect(created.token?.expiresAt).toBeDefined();
    await fixture.app.client.route(hi(), as(created.secret));
    const code = () =>
      fixture.app.client.route(hi(), as(created.secret)).then(
        () => GrpcStatus.OK,
        (error: ServiceError) => error.code,
      );
    await expect(eventually(code, (c) => c !== GrpcStatus.OK)).resolves.toBe(
      GrpcStatus.UNAUTHENTICATED,
    );
  });

  it("refuses Route with RESOURCE_EXHAUSTED once a token's monthly budget is spent", async () => {
    const created = await member({ name: 'budgeted', monthlyBudgetUsd: '0.01' });
    expect(created.token?.monthlyBudgetUsd).toBe('0.01');
    const budgeted = as(created.secret);
    const { decision } = await fixture.app.client.route(hi(), budgeted);
    const usage = {
      decisionId: decision?.decisionId ?? '',
      inputTokens: 10_000, // $0.025 at $2.50 per 1M
      outputTokens: 10,
      latencyMs: 100,
      status: UsageStatus.OK,
    };
    await fixture.app.client.reportUsage({ usage }, budgeted);
    const budgets = fixture.app.moduleRef.get(TokenBudgets, { strict: false });
    await eventually(
      async () => {
        await budgets.refresh();
        return fixture.app.client.route(hi(), budgeted).then(
          () => GrpcStatus.OK,
          (error: ServiceError) => error,
        );
      },
      (result) => result !== GrpcStatus.OK,
    ).then((error) => {
      expect(error).toMatchObject({
        code: GrpcStatus.RESOURCE_EXHAUSTED,
        details: expect.stringContaining('"budgeted" has spent $0.') as string,
      });
    });
    // ListTokens shows what the check read: 10,000 input tokens at $2.50/1M + 10 output at $10/1M.
    const listed = await tokens.listTokens({}, as(admins.a.secret));
    expect(listed.tokens.find((t) => t.id === created.token?.id)).toMatchObject({
      monthlyBudgetUsd: '0.01',
      monthToDateSpendUsd: '0.0251',
    });
    // Others of the tenant route on: the budget is the token's own.
    const other = await member({ name: 'unbudgeted' });
    await expect(fixture.app.client.route(hi(), as(other.secret))).resolves.toBeDefined();
  });

  it('records when a token was last used', async () => {
    const created = await member({ name: 'used' });
    expect(created.token?.lastUsedAt).toBeUndefined();
    await fixture.app.client.route(hi(), as(created.secret));
    const listed = await eventually(
      () => tokens.listTokens({}, as(admins.a.secret)),
      (r) => r.tokens.find((t) => t.id === created.token?.id)?.lastUsedAt !== undefined,
    );
    expect(listed.tokens.find((t) => t.id === created.token?.id)?.lastUsedAt).toBeDefined();
  });
});
