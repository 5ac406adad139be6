// Tables of `sluice tokens` and `sluice tenants`: what a person managing tokens reads.
import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import { TokenRole, type ApiToken, type Tenant } from '@sluice/proto';
import type { TableSpec } from '../output/table.js';

const ROLE_TEXT: Record<TokenRole, string> = {
  [TokenRole.UNSPECIFIED]: '',
  [TokenRole.MEMBER]: 'member',
  [TokenRole.TENANT_ADMIN]: 'tenant-admin',
  [TokenRole.PLATFORM_ADMIN]: 'platform-admin',
};

/** To the minute, UTC: last use is recorded to the minute. */
export const when = (at: Timestamp | undefined): string =>
  at === undefined ? '' : `${timestampDate(at).toISOString().slice(0, 16).replace('T', ' ')}Z`;

const scopeText = (scope: Record<string, string>): string =>
  Object.entries(scope)
    .map(([k, v]) => `${k}=${v}`)
    .join(',') || '(tenant)';

const budgetText = (usd: string): string => (usd === '' ? '' : `$${usd}`);

/** "$3.2 of $50" once the API has read the spend, else the budget alone. */
const budgetUse = (t: ApiToken): string =>
  t.monthToDateSpendUsd === ''
    ? budgetText(t.monthlyBudgetUsd)
    : `$${t.monthToDateSpendUsd} of $${t.monthlyBudgetUsd}`;

function status(token: ApiToken, now: Date): string {
  if (token.revokedAt !== undefined) return `revoked ${when(token.revokedAt)}`;
  if (token.expiresAt !== undefined && timestampDate(token.expiresAt) <= now) return 'expired';
  return 'active';
}

export function tokensTable(tokens: readonly ApiToken[], now = new Date()): TableSpec {
  return {
    head: [
      'id',
      'tenant',
      'name',
      'prefix',
      'role',
      'scope',
      'budget/month',
      'expires',
      'last used',
      'status',
    ],
    rows: tokens.map((t) => [
      t.id,
      t.tenant,
      t.name,
      t.prefix,
      ROLE_TEXT[t.role],
      scopeText(t.scope),
      budgetUse(t),
      when(t.expiresAt) || 'never',
      when(t.lastUsedAt) || 'never',
      status(t, now),
    ]),
  };
}

/** One token as a two-column table (create and revoke). */
export function tokenTable(t: ApiToken): TableSpec {
  const rows: [string, string][] = [
    ['id', t.id],
    ['tenant', t.tenant],
    ['name', t.name],
    ['prefix', t.prefix],
    ['role', ROLE_TEXT[t.role]],
    ['scope', scopeText(t.scope)],
    ['budget/month', budgetUse(t) || '(none)'],
    ['expires', when(t.expiresAt) || 'never'],
    ['created by', t.createdBy || '(server)'],
    ...(t.revokedAt === undefined
      ? []
      : ([
          ['revoked', when(t.revokedAt)],
          ['revoked by', t.revokedBy],
        ] as [string, string][])),
  ];
  return { head: ['field', 'value'], rows };
}

export const tenantsTable = (tenants: readonly Tenant[]): TableSpec => ({
  head: ['id', 'name', 'created'],
  rows: tenants.map((t) => [t.id, t.name, when(t.createdAt)]),
});
