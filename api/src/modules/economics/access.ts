import type { Caller } from '../../grpc/auth/caller.js';
import { GrpcStatus, SluiceError } from '../../grpc/sluice-error.js';
import type { Filter } from './dimensions.js';
import type { Visibility } from './economics.repository.js';

/**
 * Whose usage a caller reads: admins every tenant, others their own; a scoped token only usage
 * carrying its tags (economics.proto: the scope is an implicit filter). A filter asking for a
 * tag value outside the scope is PERMISSION_DENIED rather than an empty answer, so a caller can
 * tell "no usage" from "not yours".
 */
export function visibility(caller: Caller | undefined, filters: readonly Filter[]): Visibility {
  if (caller === undefined) {
    throw new SluiceError(GrpcStatus.UNAUTHENTICATED, 'send an API token');
  }
  filters.forEach((filter, index) => {
    const key = filter.dimension.startsWith('tag:') ? filter.dimension.slice(4) : undefined;
    const allowed = key === undefined ? undefined : caller.scope[key];
    const outside = allowed === undefined ? [] : [...filter.values].filter((v) => v !== allowed);
    if (outside.length > 0) {
      throw new SluiceError(
        GrpcStatus.PERMISSION_DENIED,
        `filters[${index}]: ${filter.dimension}=${outside[0] ?? ''} is outside the API token's scope`,
        [
          {
            field: `filters[${index}].values`,
            description: `the token is scoped to ${key}=${allowed}`,
          },
        ],
      );
    }
  });
  return { tenantId: caller.admin ? undefined : caller.tenantId, scope: { ...caller.scope } };
}

/** Idle GPU cost no traffic carried is everyone's and no one's: only an unscoped admin sees it. */
export const seesUnattributed = (who: Visibility): boolean =>
  who.tenantId === undefined && Object.keys(who.scope).length === 0;
