import { Metadata } from '@grpc/grpc-js';
import type { FieldViolation } from '../sluice-error.js';
import { encodeStatusDetails } from './status-details.js';
import { percentEncode, truncateUtf8 } from './wire-text.js';

// What a failed call's trailers carry, bounded: a request with thousands of bad fields (or one
// huge one) used to become one trailer per violation, past what HTTP/2 peers accept (Node's
// default is 128 header pairs and 64 KiB), so the client saw RESOURCE_EXHAUSTED or hung.

/** Violations listed one by one; the rest are counted in one summary line. */
export const MAX_VIOLATIONS_SENT = 20;
const MAX_FIELD_BYTES = 128;
const MAX_DESCRIPTION_BYTES = 256;
/** grpc-message, which grpc-js percent-encodes itself (so up to 3x this on the wire). */
export const MAX_MESSAGE_BYTES = 1024;

export const FIELD_VIOLATION_KEY = 'sluice-field-violation';
export const STATUS_DETAILS_KEY = 'grpc-status-details-bin';

export interface BoundedViolations {
  readonly listed: readonly FieldViolation[];
  /** How many were left out. */
  readonly omitted: number;
}

/** The first MAX_VIOLATIONS_SENT violations, each cut to a bounded length. */
export function boundViolations(violations: readonly FieldViolation[]): BoundedViolations {
  const listed = violations.slice(0, MAX_VIOLATIONS_SENT).map((v) => ({
    field: truncateUtf8(v.field, MAX_FIELD_BYTES),
    description: truncateUtf8(v.description, MAX_DESCRIPTION_BYTES),
  }));
  return { listed, omitted: violations.length - listed.length };
}

export const boundMessage = (message: string): string => truncateUtf8(message, MAX_MESSAGE_BYTES);

/**
 * One `sluice-field-violation` trailer per listed violation ("field: description",
 * percent-encoded), a last "and N more" line when some were left out, and the same violations as
 * google.rpc.Status + BadRequest in `grpc-status-details-bin`.
 */
export function statusTrailers(
  code: number,
  message: string,
  violations: readonly FieldViolation[],
): Metadata {
  const metadata = new Metadata();
  if (violations.length === 0) return metadata;
  const { listed, omitted } = boundViolations(violations);
  for (const v of listed)
    metadata.add(FIELD_VIOLATION_KEY, percentEncode(`${v.field}: ${v.description}`));
  if (omitted > 0) metadata.add(FIELD_VIOLATION_KEY, `and ${omitted} more`);
  const details = encodeStatusDetails({ code, message: boundMessage(message), violations: listed });
  metadata.set(STATUS_DETAILS_KEY, Buffer.from(details));
  return metadata;
}
