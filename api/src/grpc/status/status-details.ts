import { BinaryReader, BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import type { FieldViolation } from '../sluice-error.js';

// google.rpc.Status carrying one google.rpc.BadRequest, the "richer error model"
// (https://grpc.io/docs/guides/error/#richer-error-model) that every gRPC library can read from
// the `grpc-status-details-bin` trailer. Three small messages, written by hand with protobuf-es'
// wire writer rather than vendoring googleapis into the contract; field numbers from
// google/rpc/status.proto, google/protobuf/any.proto and google/rpc/error_details.proto.

export const BAD_REQUEST_TYPE_URL = 'type.googleapis.com/google.rpc.BadRequest';

export interface StatusDetails {
  readonly code: number;
  readonly message: string;
  readonly violations: readonly FieldViolation[];
}

function badRequest(violations: readonly FieldViolation[]): Uint8Array {
  const writer = new BinaryWriter();
  for (const v of violations) {
    // FieldViolation: string field = 1; string description = 2.
    writer.tag(1, WireType.LengthDelimited).fork();
    writer.tag(1, WireType.LengthDelimited).string(v.field);
    writer.tag(2, WireType.LengthDelimited).string(v.description);
    writer.join();
  }
  return writer.finish();
}

/** Status { code = 1; message = 2; details = 3 (Any { type_url = 1; value = 2 }) }. */
export function encodeStatusDetails(status: StatusDetails): Uint8Array {
  const writer = new BinaryWriter();
  writer.tag(1, WireType.Varint).int32(status.code);
  writer.tag(2, WireType.LengthDelimited).string(status.message);
  if (status.violations.length > 0) {
    writer.tag(3, WireType.LengthDelimited).fork();
    writer.tag(1, WireType.LengthDelimited).string(BAD_REQUEST_TYPE_URL);
    writer.tag(2, WireType.LengthDelimited).bytes(badRequest(status.violations));
    writer.join();
  }
  return writer.finish();
}

/** Reads the fields of one message: `onField` consumes what it knows, the rest is skipped. */
function readFields(
  bytes: Uint8Array,
  onField: (field: number, reader: BinaryReader) => boolean,
): void {
  const reader = new BinaryReader(bytes);
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    if (!onField(field, reader)) reader.skip(wireType);
  }
}

function readViolation(bytes: Uint8Array): FieldViolation {
  let field = '';
  let description = '';
  readFields(bytes, (n, r) => {
    if (n === 1) field = r.string();
    else if (n === 2) description = r.string();
    else return false;
    return true;
  });
  return { field, description };
}

function readAny(bytes: Uint8Array): FieldViolation[] {
  let typeUrl = '';
  let value: Uint8Array = new Uint8Array();
  readFields(bytes, (n, r) => {
    if (n === 1) typeUrl = r.string();
    else if (n === 2) value = r.bytes();
    else return false;
    return true;
  });
  if (typeUrl !== BAD_REQUEST_TYPE_URL) return [];
  const violations: FieldViolation[] = [];
  readFields(value, (n, r) => n === 1 && violations.push(readViolation(r.bytes())) > 0);
  return violations;
}

/** The inverse of encodeStatusDetails, for clients (the CLI, tests); other details are ignored. */
export function decodeStatusDetails(bytes: Uint8Array): StatusDetails {
  let code = 0;
  let message = '';
  const violations: FieldViolation[] = [];
  readFields(bytes, (n, r) => {
    if (n === 1) code = r.int32();
    else if (n === 2) message = r.string();
    else if (n === 3) violations.push(...readAny(r.bytes()));
    else return false;
    return true;
  });
  return { code, message, violations };
}
