import { timestampDate } from '@bufbuild/protobuf/wkt';
import { ReportOutcomeRequestSchema, type ReportOutcomeRequest } from '@sluice/proto';
import type { FieldViolation } from '../../grpc/sluice-error.js';
import {
  textViolation,
  unprintable,
  unstorableViolations,
} from '../../grpc/validation/storable.js';
import { REPORTED_DECISION_ID } from './decision-ids.js';
import { tagViolations } from './tag-rules.js';

const OUTCOME = /^[a-z][a-z0-9_.-]{0,62}$/;
/** common.proto's money: optional "-", digits, up to 12 fractional digits. */
const USD = /^-?(\d+)(\.\d{1,12})?$/;
/** outcomes.value is numeric(38,12): 26 digits before the point, or PostgreSQL refuses it. */
const MAX_USD_DIGITS = 26;
/**
 * One report counts one event's outcomes (documents of a batch, items of an order): a billion is
 * beyond any real event, and keeps sums of billions of reports inside the wire's int64 count.
 */
export const MAX_QUANTITY = 1_000_000_000n;
const MAX_DECISIONS = 1000;
const MAX_KEY = 128;

const v = (field: string, description: string): FieldViolation => ({ field, description });

function linkViolations(r: ReportOutcomeRequest): FieldViolation[] {
  if (r.decisionIds.length === 0 && r.correlationId === '')
    return [v('decision_ids', 'at least one of decision_ids and correlation_id is required')];
  if (r.decisionIds.length > MAX_DECISIONS)
    return [v('decision_ids', `must have at most ${MAX_DECISIONS} ids`)];
  return [
    ...r.decisionIds.flatMap((id, i) =>
      REPORTED_DECISION_ID.test(id)
        ? []
        : [v(`decision_ids[${i}]`, 'must be 1 to 64 characters of [A-Za-z0-9._:-]')],
    ),
    ...(r.correlationId.length > MAX_KEY
      ? [v('correlation_id', `must be at most ${MAX_KEY} characters`)]
      : textViolation('correlation_id', r.correlationId, unprintable)),
  ];
}

function valueViolations(valueUsd: string): FieldViolation[] {
  if (valueUsd === '') return [];
  const digits = USD.exec(valueUsd)?.[1];
  if (digits === undefined)
    return [v('value_usd', 'must be a decimal USD amount with at most 12 fractional digits')];
  return digits.replace(/^0+/, '').length > MAX_USD_DIGITS
    ? [v('value_usd', `must have at most ${MAX_USD_DIGITS} digits before the decimal point`)]
    : [];
}

/** Every bad field of a ReportOutcomeRequest (pure). */
export function outcomeViolations(r: ReportOutcomeRequest): FieldViolation[] {
  return [
    ...(r.idempotencyKey.length >= 1 && r.idempotencyKey.length <= MAX_KEY
      ? []
      : [v('idempotency_key', `is required: 1 to ${MAX_KEY} characters`)]),
    ...textViolation('idempotency_key', r.idempotencyKey, unprintable),
    ...(OUTCOME.test(r.outcome) ? [] : [v('outcome', 'must match ^[a-z][a-z0-9_.-]{0,62}$')]),
    ...linkViolations(r),
    ...(r.quantity !== undefined && (r.quantity < 1n || r.quantity > MAX_QUANTITY)
      ? [v('quantity', `must be from 1 to ${MAX_QUANTITY}`)]
      : []),
    ...valueViolations(r.valueUsd),
    ...tagViolations(r.tags),
    ...unstorableViolations(ReportOutcomeRequestSchema, r),
  ];
}

export const occurredAtOf = (r: ReportOutcomeRequest, now: Date): Date =>
  r.occurredAt === undefined ? now : timestampDate(r.occurredAt);
