import type { FieldViolation } from '../sluice-error.js';

/**
 * The tags a request carries once its token's scope applies. A token scoped to
 * `{ team: 'search' }` speaks for that team only: its tags are IMPOSED on the request (a request
 * that omits `team` is booked under `team=search`), and a request naming another value is
 * refused, naming the tag. Imposing rather than requiring keeps callers from repeating what the
 * token already says, and still never lets one team spend or read under another's name.
 */
export function scopedTags(
  scope: Readonly<Record<string, string>>,
  tags: Readonly<Record<string, string>>,
  field = 'tags',
): { tags: Record<string, string> } | { violations: FieldViolation[] } {
  const violations = Object.entries(scope)
    .filter(([key, value]) => tags[key] !== undefined && tags[key] !== value)
    .map(([key, value]) => ({
      field: `${field}[${key}]`,
      description: `is outside the API token's scope (${key}=${value})`,
    }));
  return violations.length > 0 ? { violations } : { tags: { ...tags, ...scope } };
}
