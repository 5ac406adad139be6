import { timestampDate } from '@bufbuild/protobuf/wkt';
import { UsageReportSchema, UsageStatus, type UsageReport as WireUsage } from '@sluice/proto';
import type { FieldViolation } from '../../grpc/sluice-error.js';
import {
  textViolation,
  unprintable,
  unstorableViolations,
} from '../../grpc/validation/storable.js';
import type { ModelRef, UsageReport, UsageStatus as LedgerStatus } from '../ledger/ledger.types.js';
import { MAX_IDEMPOTENCY_KEY } from '../ledger/validate-usage.js';
import { REPORTED_DECISION_ID } from './decision-ids.js';
import { resourceRefViolations } from './resource-ref.js';
import type { RoutedDecision } from './routed-decision.js';

/** Reports may be late, never from the future: five minutes of clock skew is allowed. */
export const MAX_FUTURE_MS = 5 * 60_000;
const MAX_LATENCY_MS = 86_400_000;

/** The ledger knows ok / error / cancelled; a caller's timeout is a cancellation, a 429 an error. */
const STATUSES: Readonly<Partial<Record<UsageStatus, LedgerStatus>>> = {
  [UsageStatus.OK]: 'ok',
  [UsageStatus.ERROR]: 'error',
  [UsageStatus.TIMEOUT]: 'cancelled',
  [UsageStatus.CANCELLED]: 'cancelled',
  [UsageStatus.RATE_LIMITED]: 'error',
};

const v = (field: string, description: string): FieldViolation => ({ field, description });
const count = (field: string, value: number): FieldViolation[] =>
  value < 0 ? [v(field, 'must be 0 or more')] : [];

function tokenViolations(u: WireUsage, p: string): FieldViolation[] {
  return [
    ...count(`${p}.input_tokens`, u.inputTokens),
    ...count(`${p}.cached_input_tokens`, u.cachedInputTokens),
    ...(u.cachedInputTokens > u.inputTokens && u.inputTokens >= 0
      ? [v(`${p}.cached_input_tokens`, `must not exceed input_tokens (${u.inputTokens})`)]
      : []),
    ...count(`${p}.output_tokens`, u.outputTokens),
    ...(u.latencyMs < 0 || u.latencyMs > MAX_LATENCY_MS
      ? [v(`${p}.latency_ms`, `must be from 0 to ${MAX_LATENCY_MS}`)]
      : []),
    ...count(`${p}.time_to_first_token_ms`, u.timeToFirstTokenMs ?? 0),
  ];
}

function identityViolations(u: WireUsage, p: string, now: Date): FieldViolation[] {
  const occurred = u.occurredAt === undefined ? undefined : timestampDate(u.occurredAt);
  return [
    ...(REPORTED_DECISION_ID.test(u.decisionId)
      ? []
      : [v(`${p}.decision_id`, 'is required: 1 to 64 characters of [A-Za-z0-9._:-]')]),
    ...(u.idempotencyKey.length > MAX_IDEMPOTENCY_KEY
      ? [v(`${p}.idempotency_key`, `must be at most ${MAX_IDEMPOTENCY_KEY} characters`)]
      : []),
    ...(STATUSES[u.status] === undefined ? [v(`${p}.status`, 'is required')] : []),
    // Its name reaches the ledger and a metric label: a Kubernetes name or nothing.
    ...(u.model === undefined ? [] : resourceRefViolations(u.model, `${p}.model`)),
    ...(occurred !== undefined && occurred.getTime() > now.getTime() + MAX_FUTURE_MS
      ? [v(`${p}.occurred_at`, 'must not be more than 5 minutes in the future')]
      : []),
    ...(u.promptTemplate.length > 128
      ? [v(`${p}.prompt_template`, 'must be at most 128 characters')]
      : textViolation(`${p}.prompt_template`, u.promptTemplate, unprintable)),
    ...textViolation(`${p}.idempotency_key`, u.idempotencyKey, unprintable),
    ...textViolation(`${p}.error_code`, u.errorCode, unprintable),
  ];
}

/** Every bad field of a report, named by its wire path under `prefix` (usage). */
export function usageReportViolations(
  u: WireUsage | undefined,
  now: Date,
  prefix = 'usage',
): FieldViolation[] {
  if (u === undefined) return [v(prefix, 'is required')];
  return [
    ...identityViolations(u, prefix, now),
    ...tokenViolations(u, prefix),
    ...unstorableViolations(UsageReportSchema, u, prefix),
  ];
}

export const idempotencyKeyOf = (u: WireUsage): string => u.idempotencyKey || u.decisionId;

/**
 * The ledger's report: the caller's numbers joined with the decision (tags, baseline, cache
 * kind), input split into uncached and cached as the ledger bills them. `model` is the model
 * actually called with its tier, resolved by the caller of this function.
 */
export function toLedgerUsage(
  u: WireUsage,
  routed: RoutedDecision,
  called: { readonly model: ModelRef; readonly tier: string },
  now: Date,
): UsageReport {
  const record = routed.record;
  const template = u.promptTemplate || record.template;
  return {
    tenantId: record.tenantId,
    idempotencyKey: idempotencyKeyOf(u),
    decisionId: record.decisionId,
    model: called.model,
    tier: called.tier,
    cacheKind: record.cacheKind,
    ...(record.baselineModel === undefined ? {} : { baselineModel: record.baselineModel }),
    inputTokens: u.inputTokens - u.cachedInputTokens,
    cachedInputTokens: u.cachedInputTokens,
    outputTokens: u.outputTokens,
    latencyMs: u.latencyMs,
    status: STATUSES[u.status] ?? 'error',
    tags: record.tags,
    ...(template === undefined ? {} : { template }),
    // The caller reports a shadow call like any other; only its decision knows it is one.
    ...(record.shadow === true ? { shadow: true } : {}),
    occurredAt: (u.occurredAt === undefined ? now : timestampDate(u.occurredAt)).toISOString(),
  };
}
