import type { TestingModule } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { runMigrations } from '../src/database/migrate.js';
import { GrpcStatus, SluiceError } from '../src/grpc/sluice-error.js';
import type { TenantTags } from '../src/modules/tenants/tenant.entity.js';
import { TenantsRepository } from '../src/modules/tenants/tenants.repository.js';
import { startPersistence } from './support/test-app.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/** Tests share one database; unique names keep them independent. */
const uniqueName = (prefix: string): string => `${prefix}-${randomBytes(4).toString('hex')}`;

describe('TenantsRepository', () => {
  let db: TestDatabase;
  let moduleRef: TestingModule;
  let tenants: TenantsRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    await runMigrations(db.url);
    moduleRef = await startPersistence(db.url);
    tenants = moduleRef.get(TenantsRepository);
  });

  afterAll(async () => {
    await moduleRef?.close();
    await db?.drop();
  });

  it('creates a tenant with defaults and reads it back by name', async () => {
    const name = uniqueName('search');
    const created = await tenants.create({ name });

    expect(created).toMatchObject({ name, displayName: null, tags: {} });
    expect(created.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(created.createdAt).toBeInstanceOf(Date);
    await expect(tenants.findByName(name)).resolves.toEqual(created);
  });

  it('stores the display name and tags', async () => {
    const name = uniqueName('chat');
    await tenants.create({
      name,
      displayName: 'Chat team',
      tags: { team: 'chat', product: 'bot' },
    });

    await expect(tenants.findByName(name)).resolves.toMatchObject({
      displayName: 'Chat team',
      tags: { team: 'chat', product: 'bot' },
    });
  });

  it('finds nothing for an unknown name', async () => {
    await expect(tenants.findByName(uniqueName('nobody'))).resolves.toBeNull();
  });

  it('lists tenants ordered by name', async () => {
    const suffix = randomBytes(4).toString('hex');
    for (const name of [`zeta-${suffix}`, `alpha-${suffix}`, `mid-${suffix}`]) {
      await tenants.create({ name });
    }
    const listed = (await tenants.list()).map((t) => t.name).filter((n) => n.endsWith(suffix));

    expect(listed).toEqual([`alpha-${suffix}`, `mid-${suffix}`, `zeta-${suffix}`]);
  });

  it('rejects a second tenant with the same name as ALREADY_EXISTS', async () => {
    const name = uniqueName('dup');
    await tenants.create({ name });

    const error: unknown = await tenants
      .create({ name, displayName: 'again' })
      .catch((error: unknown) => error);
    expect(error).toBeInstanceOf(SluiceError);
    expect(error).toMatchObject({ code: GrpcStatus.ALREADY_EXISTS });
    await expect(tenants.findByName(name)).resolves.toMatchObject({ displayName: null });
  });

  it.each([
    ['uppercase', 'Search'],
    ['underscore', 'search_team'],
    ['leading dash', '-search'],
    ['trailing dash', 'search-'],
    ['empty', ''],
    ['64 characters', 'a'.repeat(64)],
  ])('rejects a name that is not a DNS-1123 label (%s) as INVALID_ARGUMENT', async (_, name) => {
    const error: unknown = await tenants.create({ name }).catch((error: unknown) => error);

    expect(error).toBeInstanceOf(SluiceError);
    expect(error).toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
      violations: [{ field: 'name' }],
    });
    await expect(tenants.findByName(name)).resolves.toBeNull();
  });

  it('rejects tags that are not an object as INVALID_ARGUMENT', async () => {
    const tags = ['team'] as unknown as TenantTags;
    const error: unknown = await tenants
      .create({ name: uniqueName('tags'), tags })
      .catch((error: unknown) => error);

    expect(error).toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
      violations: [{ field: 'tags' }],
    });
  });

  it.each([['a'], ['a'.repeat(63)], ['0-9']])('accepts the edge-case label %p', async (label) => {
    // Names are global; a fixed one can only be created once per database, which is ours alone.
    await expect(tenants.create({ name: label })).resolves.toMatchObject({ name: label });
  });
});
