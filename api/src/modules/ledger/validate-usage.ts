import type { FieldViolation } from '../../grpc/sluice-error.js';
import { CACHE_KINDS, USAGE_STATUSES, type UsageReport } from './ledger.types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** ISO 8601 with a zone, so occurred_at never depends on the server's time zone. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
export const MAX_IDEMPOTENCY_KEY = 200;
/** Latency is an int4 column; a day is far past any request deadline. */
const MAX_LATENCY_MS = 86_400_000;

const isTagMap = (tags: unknown): boolean =>
  typeof tags === 'object' &&
  tags !== null &&
  !Array.isArray(tags) &&
  Object.values(tags).every((value) => typeof value === 'string');

type Check = (report: UsageReport) => string | undefined;

const tokenCount =
  (field: 'inputTokens' | 'cachedInputTokens' | 'outputTokens'): Check =>
  (report) =>
    Number.isSafeInteger(report[field]) && report[field] >= 0
      ? undefined
      : 'must be a whole number >= 0';

/** Each field and what is wrong with it; the same rules as the table's CHECK constraints. */
const CHECKS: Record<string, Check> = {
  tenantId: (r) => (UUID.test(r.tenantId) ? undefined : 'must be a UUID'),
  idempotencyKey: (r) =>
    r.idempotencyKey.length >= 1 && r.idempotencyKey.length <= MAX_IDEMPOTENCY_KEY
      ? undefined
      : `must be 1 to ${MAX_IDEMPOTENCY_KEY} characters`,
  decisionId: (r) => (UUID.test(r.decisionId) ? undefined : 'must be a UUID'),
  'model.name': (r) => (r.model.name && r.model.namespace ? undefined : 'must name a model'),
  cacheKind: (r) =>
    CACHE_KINDS.includes(r.cacheKind) ? undefined : 'must be none, exact or semantic',
  status: (r) => (USAGE_STATUSES.includes(r.status) ? undefined : 'must be ok, error or cancelled'),
  inputTokens: tokenCount('inputTokens'),
  cachedInputTokens: tokenCount('cachedInputTokens'),
  outputTokens: tokenCount('outputTokens'),
  latencyMs: (r) =>
    Number.isInteger(r.latencyMs) && r.latencyMs >= 0 && r.latencyMs <= MAX_LATENCY_MS
      ? undefined
      : `must be a whole number from 0 to ${MAX_LATENCY_MS}`,
  occurredAt: (r) =>
    ISO_INSTANT.test(r.occurredAt) && !Number.isNaN(Date.parse(r.occurredAt))
      ? undefined
      : 'must be an ISO 8601 instant with a time zone',
  tags: (r) => (isTagMap(r.tags) ? undefined : 'must map names to strings'),
  // Validated at the edge too; a job from an older producer must not fail its whole batch.
  report: (r) =>
    JSON.stringify(r).includes('\\u0000') ? 'no string may contain U+0000 (NUL)' : undefined,
  shadow: (r) =>
    r.shadow === undefined || typeof r.shadow === 'boolean' ? undefined : 'must be true or false',
};

/** Every violation at once, as the gRPC edge reports them (STYLE: collect all field errors). */
export function usageViolations(report: UsageReport): FieldViolation[] {
  return Object.entries(CHECKS).flatMap(([field, check]) => {
    const description = check(report);
    return description === undefined ? [] : [{ field, description }];
  });
}
