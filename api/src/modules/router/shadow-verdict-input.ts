import { ReportShadowVerdictRequestSchema, type ReportShadowVerdictRequest } from '@sluice/proto';
import type { FieldViolation } from '../../grpc/sluice-error.js';
import {
  textViolation,
  unprintable,
  unstorableViolations,
} from '../../grpc/validation/storable.js';
import { REPORTED_DECISION_ID, SHADOW_SUFFIX } from './decision-ids.js';

const MAX_JUDGE = 63;

const v = (field: string, description: string): FieldViolation => ({ field, description });

/** Every bad field of a ReportShadowVerdictRequest (pure). */
export function shadowVerdictViolations(r: ReportShadowVerdictRequest): FieldViolation[] {
  return [
    ...(REPORTED_DECISION_ID.test(r.decisionId)
      ? []
      : [v('decision_id', 'is required: 1 to 64 characters of [A-Za-z0-9._:-]')]),
    ...(r.acceptable === undefined ? [v('acceptable', 'is required: true or false')] : []),
    ...(r.judge.length > MAX_JUDGE
      ? [v('judge', `must be at most ${MAX_JUDGE} characters`)]
      : textViolation('judge', r.judge, unprintable)),
    ...unstorableViolations(ReportShadowVerdictRequestSchema, r),
  ];
}

/** The judged decision's id: its own, or its shadow call's with the suffix taken off. */
export const judgedDecisionId = (decisionId: string): string =>
  decisionId.endsWith(SHADOW_SUFFIX) ? decisionId.slice(0, -SHADOW_SUFFIX.length) : decisionId;
