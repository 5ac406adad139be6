import { TokenRole as WireRole, type CreateTokenRequest } from '@sluice/proto';
import { GrpcStatus, SluiceError, type FieldViolation } from '../../grpc/sluice-error.js';
import type { TokenRole, TokenScope } from '../apitokens/api-token.entity.js';
import { tagViolations } from '../router/tag-rules.js';

const MAX_NAME = 128;
/** common.proto money, non-negative, and within numeric(38,12). */
const USD = /^\d{1,26}(\.\d{1,12})?$/;
/** Expiries further out than this are a mistake (a unit slip), not a wish. */
const MAX_LIFETIME_S = 100 * 366 * 86_400;

/** A CreateTokenRequest once checked; the rules (token-rules.ts) decide what the caller may. */
export interface TokenRequest {
  readonly tenant: string;
  readonly name: string;
  readonly role: TokenRole;
  readonly scope: TokenScope;
  readonly expiresAt?: Date;
  readonly monthlyBudgetUsd?: string;
}

const ROLES = new Map<WireRole, TokenRole>([
  [WireRole.UNSPECIFIED, 'member'],
  [WireRole.MEMBER, 'member'],
  [WireRole.TENANT_ADMIN, 'tenant_admin'],
  [WireRole.PLATFORM_ADMIN, 'platform_admin'],
]);

const v = (field: string, description: string): FieldViolation => ({ field, description });

/** tenants.name's rule (CreateTenants migration), checked before any query. */
const TENANT_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** INVALID_ARGUMENT unless `name` could be a tenant's (a DNS-1123 label). */
export function checkTenantName(name: string, field: string): void {
  if (!TENANT_NAME.test(name))
    throw SluiceError.invalidArgument(
      field,
      'must be a tenant name: a DNS-1123 label of at most 63 lowercase letters, digits and "-"',
    );
}

function nameViolations(name: string): FieldViolation[] {
  if (name.length === 0 || name.length > MAX_NAME)
    return [v('name', `is required: 1 to ${MAX_NAME} characters`)];
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  return /[\u0000-\u001f\u007f]/.test(name)
    ? [v('name', 'must not contain control characters')]
    : [];
}

function budgetViolations(usd: string): FieldViolation[] {
  if (usd === '') return [];
  if (!USD.test(usd) || !/[1-9]/.test(usd))
    return [v('monthly_budget_usd', 'must be a decimal greater than 0 with up to 12 decimals')];
  return [];
}

/** The expiry instant, or a violation: in the future, at most 100 years ahead. */
function expiry(r: CreateTokenRequest, now: Date): Date | FieldViolation | undefined {
  const { case: kind, value } = r.expiry;
  if (kind === undefined) return undefined;
  const seconds =
    kind === 'expiresIn'
      ? Number(value.seconds) + value.nanos / 1e9
      : Number(value.seconds) + value.nanos / 1e9 - now.getTime() / 1000;
  const field = kind === 'expiresIn' ? 'expires_in' : 'expires_at';
  if (!Number.isFinite(seconds) || seconds < 1) return v(field, 'must be at least 1 s from now');
  if (seconds > MAX_LIFETIME_S) return v(field, 'must be at most 100 years from now');
  return new Date(now.getTime() + Math.round(seconds * 1000));
}

const tenantViolations = (tenant: string): FieldViolation[] =>
  tenant === '' || TENANT_NAME.test(tenant)
    ? []
    : [v('tenant', 'must be a tenant name (a DNS-1123 label)')];

/** Checks every field of a CreateTokenRequest; INVALID_ARGUMENT names each bad one. */
export function toTokenRequest(r: CreateTokenRequest, now = new Date()): TokenRequest {
  const role = ROLES.get(r.role);
  const checked = expiry(r, now);
  const expiresAt = checked instanceof Date ? checked : undefined;
  const violations = [
    ...tenantViolations(r.tenant),
    ...nameViolations(r.name),
    ...(role === undefined ? [v('role', `unknown role ${r.role}`)] : []),
    ...tagViolations(r.scope, 'scope'),
    ...(checked === undefined || checked instanceof Date ? [] : [checked]),
    ...budgetViolations(r.monthlyBudgetUsd),
  ];
  if (violations.length > 0 || role === undefined) {
    const message = violations.map((x) => `${x.field}: ${x.description}`).join('; ');
    throw new SluiceError(GrpcStatus.INVALID_ARGUMENT, message, violations);
  }
  return {
    tenant: r.tenant,
    name: r.name,
    role,
    scope: { ...r.scope },
    ...(expiresAt === undefined ? {} : { expiresAt }),
    ...(r.monthlyBudgetUsd === '' ? {} : { monthlyBudgetUsd: r.monthlyBudgetUsd }),
  };
}
