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
      scope: { team: 'search' },
      admin: false,
      expiresAt: null,
    });
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
