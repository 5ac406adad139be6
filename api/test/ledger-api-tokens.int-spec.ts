import type { DataSource } from 'typeorm';
import { runMigrations } from '../src/database/migrate.js';
import { hashToken } from '../src/modules/apitokens/api-token-hash.js';
import { ApiTokensRepository } from '../src/modules/apitokens/api-tokens.repository.js';
import { createTenant, openDataSource } from './support/ledger-fixtures.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

describe('ApiTokensRepository', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let tokens: ApiTokensRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    await runMigrations(db.url);
    dataSource = await openDataSource(db.url);
    tokens = new ApiTokensRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('stores only the hash and authenticates the token to its tenant and scope', async () => {
    const tenant = await createTenant(dataSource);
    const { token, record } = await tokens.issue({
      tenantId: tenant,
      name: 'search backend',
      scope: { team: 'search' },
    });

    const stored = await dataSource.query<Array<Record<string, unknown>>>(
      `SELECT * FROM api_tokens WHERE id = $1`,
      [record.id],
    );
    expect(JSON.stringify(stored)).not.toContain(token.slice(7));
    expect(stored[0]).toMatchObject({
      token_hash: hashToken(token),
      token_prefix: token.slice(0, 13),
    });
    await expect(tokens.authenticate(token)).resolves.toEqual({
      tokenId: record.id,
      tenantId: tenant,
      tenantName: expect.any(String) as string,
      tokenName: 'search backend',
      scope: { team: 'search' },
      role: 'member',
      admin: false,
      monthlyBudgetUsd: null,
      expiresAt: null,
    });
  });

  it('reads the role and budget back, and takes `admin: true` as a platform admin', async () => {
    const tenant = await createTenant(dataSource);
    const admin = await tokens.issue({ tenantId: tenant, name: 'ops', admin: true });
    const team = await tokens.issue({
      tenantId: tenant,
      name: 'team',
      role: 'tenant_admin',
      monthlyBudgetUsd: '12.5',
      createdBy: admin.record.id,
    });
    await expect(tokens.authenticate(admin.token)).resolves.toMatchObject({
      role: 'platform_admin',
      admin: true,
    });
    await expect(tokens.authenticate(team.token)).resolves.toMatchObject({
      role: 'tenant_admin',
      admin: false,
      monthlyBudgetUsd: '12.500000000000',
    });
  });

  it('revokes once: a second revoke keeps the first time and revoker', async () => {
    const tenant = await createTenant(dataSource);
    const { record } = await tokens.issue({ tenantId: tenant, name: 'twice' });
    const first = new Date('2026-11-01T10:00:00Z');
    await tokens.revoke(record.id, first, record.id);
    await tokens.revoke(record.id, new Date('2026-11-02T10:00:00Z'), null);
    const [row] = await dataSource.query<Array<{ revoked_at: Date; revoked_by: string }>>(
      `SELECT revoked_at, revoked_by FROM api_tokens WHERE id = $1`,
      [record.id],
    );
    expect(row).toEqual({ revoked_at: first, revoked_by: record.id });
  });

  it('moves last_used_at forward only', async () => {
    const tenant = await createTenant(dataSource);
    const { record } = await tokens.issue({ tenantId: tenant, name: 'used' });
    const later = new Date('2026-11-01T10:01:00Z');
    await tokens.recordLastUsed(new Map([[record.id, later]]));
    await tokens.recordLastUsed(new Map([[record.id, new Date('2026-11-01T10:00:00Z')]]));
    const [row] = await dataSource.query<Array<{ last_used_at: Date }>>(
      `SELECT last_used_at FROM api_tokens WHERE id = $1`,
      [record.id],
    );
    expect(row?.last_used_at).toEqual(later);
  });

  it.each([['sluice_' + 'x'.repeat(43)], ['not-a-token'], ['']])(
    'knows nothing of %p',
    async (token) => {
      await expect(tokens.authenticate(token)).resolves.toBeUndefined();
    },
  );

  it('refuses a revoked token and an expired one', async () => {
    const tenant = await createTenant(dataSource);
    const revoked = await tokens.issue({ tenantId: tenant, name: 'old' });
    const expiring = await tokens.issue({
      tenantId: tenant,
      name: 'temp',
      expiresAt: new Date('2026-11-01T12:00:00Z'),
    });

    await tokens.revoke(revoked.record.id);

    await expect(tokens.authenticate(revoked.token)).resolves.toBeUndefined();
    await expect(
      tokens.authenticate(expiring.token, new Date('2026-11-01T11:59:59Z')),
    ).resolves.toMatchObject({ tenantId: tenant });
    await expect(
      tokens.authenticate(expiring.token, new Date('2026-11-01T12:00:00Z')),
    ).resolves.toBeUndefined();
  });

  it('deletes the tokens of a deleted tenant', async () => {
    const tenant = await createTenant(dataSource);
    const { token } = await tokens.issue({ tenantId: tenant, name: 'gone' });
    await dataSource.query(`DELETE FROM tenants WHERE id = $1`, [tenant]);
    await expect(tokens.authenticate(token)).resolves.toBeUndefined();
  });
});
