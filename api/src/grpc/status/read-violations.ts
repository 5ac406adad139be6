import type { Metadata } from '@grpc/grpc-js';
import type { FieldViolation } from '../sluice-error.js';
import { decodeStatusDetails } from './status-details.js';
import { FIELD_VIOLATION_KEY, STATUS_DETAILS_KEY } from './status-trailers.js';

// The client's side of status-trailers.ts, for the CLI and the tests.

/** The `sluice-field-violation` lines, decoded; a comma-joined trailer is split back. */
export function violationLines(metadata: Metadata): string[] {
  return metadata
    .get(FIELD_VIOLATION_KEY)
    .flatMap((value) => String(value).split(','))
    .map((line) => decodeURIComponent(line.trim()));
}

/** The violations of google.rpc.BadRequest in `grpc-status-details-bin`; [] when absent. */
export function statusViolations(metadata: Metadata): FieldViolation[] {
  const [bin] = metadata.get(STATUS_DETAILS_KEY);
  return Buffer.isBuffer(bin) ? [...decodeStatusDetails(bin).violations] : [];
}
