import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { TokenRole as WireRole, type ApiTokenSchema, type TenantSchema } from '@sluice/proto';
import type { TokenRole } from '../apitokens/api-token.entity.js';
import { usd } from '../economics/wire-money.js';
import { parsePicos } from '../ledger/money.js';
import type { Tenant } from '../tenants/tenant.entity.js';
import type { TokenRow } from './tokens.repository.js';

const ROLES: Record<TokenRole, WireRole> = {
  member: WireRole.MEMBER,
  tenant_admin: WireRole.TENANT_ADMIN,
  platform_admin: WireRole.PLATFORM_ADMIN,
};

/** tokens.proto ApiToken: everything but the secret and its hash. */
export function toWireToken(row: TokenRow): MessageInitShape<typeof ApiTokenSchema> {
  return {
    id: row.id,
    tenant: row.tenantName,
    name: row.name,
    prefix: row.prefix,
    role: ROLES[row.role],
    scope: row.scope,
    monthlyBudgetUsd: row.monthlyBudgetUsd === null ? '' : usd(parsePicos(row.monthlyBudgetUsd)),
    createdAt: timestampFromDate(row.createdAt),
    createdBy: row.createdBy ?? '',
    ...(row.expiresAt === null ? {} : { expiresAt: timestampFromDate(row.expiresAt) }),
    ...(row.lastUsedAt === null ? {} : { lastUsedAt: timestampFromDate(row.lastUsedAt) }),
    ...(row.revokedAt === null ? {} : { revokedAt: timestampFromDate(row.revokedAt) }),
    revokedBy: row.revokedBy ?? '',
    monthToDateSpendUsd: row.monthToDateSpend === undefined ? '' : usd(row.monthToDateSpend),
  };
}

export const toWireTenant = (tenant: Tenant): MessageInitShape<typeof TenantSchema> => ({
  id: tenant.id,
  name: tenant.name,
  createdAt: timestampFromDate(tenant.createdAt),
});
