import type { Caller } from '../../grpc/auth/caller.js';
import { GrpcStatus, SluiceError, type FieldViolation } from '../../grpc/sluice-error.js';
import type { RoutedDecision } from './routed-decision.js';

/**
 * The scoped tags a decision lacks: a token scoped to `{ team: 'search' }` reaches only decisions
 * that carry `team=search` (Route imposes its scope, so every decision it routed does). A
 * decision without the tag is the tenant's, not the team's, and is as out of reach as another
 * team's: economics hides its usage from the token the same way (`tags @> scope`).
 */
export function scopeViolations(
  scope: Readonly<Record<string, string>>,
  tags: Readonly<Record<string, string>>,
  field: string,
): FieldViolation[] {
  return Object.entries(scope)
    .filter(([key, value]) => tags[key] !== value)
    .map(([key, value]) => ({
      field,
      description: `names a decision outside the API token's scope (${key}=${value})`,
    }));
}

/**
 * PERMISSION_DENIED naming `field` when the decision is outside the caller's token scope, else
 * undefined. Only a token of the decision's own tenant gets this far (decisions are found by
 * tenant), so it tells a team that an id is taken in its tenant and nothing of the decision.
 */
export function outOfScope(
  caller: Caller,
  routed: RoutedDecision,
  field: string,
): SluiceError | undefined {
  const violations = scopeViolations(caller.scope, routed.record.tags, field);
  if (violations.length === 0) return undefined;
  return new SluiceError(
    GrpcStatus.PERMISSION_DENIED,
    `${field}: the decision is outside the API token's scope`,
    violations,
  );
}
