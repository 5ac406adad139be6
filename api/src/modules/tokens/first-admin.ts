import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../database/data-source-options.js';
import { ApiTokensRepository } from '../apitokens/api-tokens.repository.js';
import { TenantsRepository } from '../tenants/tenants.repository.js';

export interface IssuedAdmin {
  readonly token: string;
  readonly tokenId: string;
  readonly tenant: string;
}

/**
 * A platform admin token issued straight into the database (`sluice tokens bootstrap`): the first
 * of a cluster, since TokenService needs an admin token to issue any, and a break-glass one.
 * Whoever holds DATABASE_URL holds every token's power already, so this grants nothing new.
 * Creates the tenant when it does not exist.
 */
export async function issuePlatformAdmin(
  url: string,
  tenantName: string,
  name: string,
): Promise<IssuedAdmin> {
  const options = dataSourceOptions({ DATABASE_URL: url, DATABASE_POOL_SIZE: 1 });
  const dataSource = new DataSource({ ...options, applicationName: 'sluice-tokens' });
  await dataSource.initialize();
  try {
    const tenants = new TenantsRepository(dataSource);
    const tenant =
      (await tenants.findByName(tenantName)) ?? (await tenants.create({ name: tenantName }));
    const { token, record } = await new ApiTokensRepository(dataSource).issue({
      tenantId: tenant.id,
      name,
      role: 'platform_admin',
    });
    return { token, tokenId: record.id, tenant: tenant.name };
  } finally {
    await dataSource.destroy();
  }
}
