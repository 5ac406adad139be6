import { scopedTags } from '../../grpc/auth/scope.js';
import { GrpcStatus, SluiceError } from '../../grpc/sluice-error.js';
import type { TokenRole, TokenScope } from '../apitokens/api-token.entity.js';

// Who may manage which tokens (tokens.proto). Pure: the service asks these before any write.

/** The caller, as the rules see it. */
export interface Actor {
  readonly tenantId: string;
  readonly tenantName: string;
  readonly role: TokenRole;
  readonly scope: Readonly<TokenScope>;
}

/** A stored token, as the rules see it. */
export interface Managed {
  readonly tenantId: string;
  readonly role: TokenRole;
  readonly scope: Readonly<TokenScope>;
}

const denied = (message: string, field?: string) =>
  new SluiceError(
    GrpcStatus.PERMISSION_DENIED,
    message,
    field === undefined ? [] : [{ field, description: message }],
  );

/** Members manage nothing; the admin RPCs refuse them before reading anything. */
export function requireManager(actor: Actor): void {
  if (actor.role === 'member') throw denied('only admin tokens manage API tokens');
}

export function requirePlatformAdmin(actor: Actor): void {
  if (actor.role !== 'platform_admin') throw denied('only platform admin tokens manage tenants');
}

/**
 * The tenant a request acts on, by name: '' is the caller's own. A tenant admin naming another
 * tenant is refused whether or not it exists, so the answer tells nothing about other tenants.
 */
export function targetTenant(actor: Actor, requested: string): string {
  if (requested === '' || requested === actor.tenantName) return actor.tenantName;
  if (actor.role !== 'platform_admin')
    throw denied(`a tenant admin manages tenant "${actor.tenantName}" only`, 'tenant');
  return requested;
}

/** The role to issue; only a platform admin issues platform admins. */
export function grantableRole(actor: Actor, requested: TokenRole): TokenRole {
  if (requested === 'platform_admin' && actor.role !== 'platform_admin')
    throw denied('only a platform admin issues platform admin tokens', 'role');
  return requested;
}

/**
 * The scope of a new token: the requested tags with the caller's own scope imposed (as Route
 * imposes it on tags), so a token is never wider than the one that issued it. A requested value
 * that contradicts the caller's scope is refused, naming the tag.
 */
export function issuedScope(actor: Actor, requested: Readonly<TokenScope>): TokenScope {
  const scoped = scopedTags(actor.scope, requested, 'scope');
  if ('violations' in scoped) {
    const message = `scope is wider than the caller's own: ${scoped.violations
      .map((v) => v.field)
      .join(', ')}`;
    throw new SluiceError(GrpcStatus.PERMISSION_DENIED, message, scoped.violations);
  }
  return scoped.tags;
}

/** Whether `scope` is within `outer`: it carries every tag of `outer`, with the same value. */
export const withinScope = (scope: Readonly<TokenScope>, outer: Readonly<TokenScope>): boolean =>
  Object.entries(outer).every(([key, value]) => scope[key] === value);

/**
 * Whether the caller may see and revoke a token: a platform admin any; a tenant admin those of
 * its tenant within its scope, platform admins excepted (it could not have issued them).
 */
export function manages(actor: Actor, token: Managed): boolean {
  if (actor.role === 'platform_admin') return true;
  if (actor.role !== 'tenant_admin' || token.tenantId !== actor.tenantId) return false;
  return token.role !== 'platform_admin' && withinScope(token.scope, actor.scope);
}
