// The field violations an INVALID_ARGUMENT carries, read the two ways the API may send them:
// `sluice-field-violation` trailers ("<field>: <description>", percent-encoded or not) and a
// google.rpc.Status with google.rpc.BadRequest in `grpc-status-details-bin`.
import type { DescMessage } from '@bufbuild/protobuf';
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import type { Metadata } from '@grpc/grpc-js';

export interface Violation {
  readonly field: string;
  readonly description: string;
}

const BAD_REQUEST = 'type.googleapis.com/google.rpc.BadRequest';

/** gRPC's percent-encoding (spec: "%" followed by two hex digits, UTF-8 bytes); else as sent. */
export function percentDecode(value: string): string {
  if (!/%[0-9A-Fa-f]{2}/.test(value)) return value;
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const hex = value.slice(i + 1, i + 3);
    if (value[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(value[i] ?? '', 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Reads a message's length-delimited fields by number: enough for Status, Any and BadRequest. */
function fields(bytes: Uint8Array): Array<[number, Uint8Array]> {
  const reader = new BinaryReader(bytes);
  const out: Array<[number, Uint8Array]> = [];
  while (reader.pos < reader.len) {
    const [number, wireType] = reader.tag();
    if (wireType === WireType.LengthDelimited) out.push([number, reader.bytes()]);
    else reader.skip(wireType);
  }
  return out;
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

const fieldText = (parts: Array<[number, Uint8Array]>, number: number): string => {
  const found = parts.find(([n]) => n === number)?.[1];
  return found === undefined ? '' : text(found);
};

/** The violations of one google.protobuf.Any, when it is a BadRequest. */
function fromAny(any: Uint8Array): Violation[] {
  const parts = fields(any);
  const value = parts.find(([n]) => n === 2)?.[1];
  if (fieldText(parts, 1) !== BAD_REQUEST || value === undefined) return [];
  return fields(value)
    .filter(([n]) => n === 1)
    .map(([, violation]) => {
      const vf = fields(violation);
      return { field: fieldText(vf, 1), description: fieldText(vf, 2) };
    });
}

/** google.rpc.Status.details[] -> BadRequest.field_violations[] -> { field, description }. */
export function badRequestViolations(statusBytes: Uint8Array): Violation[] {
  return fields(statusBytes)
    .filter(([n]) => n === 3)
    .flatMap(([, any]) => fromAny(any));
}

/** Every violation in the trailers, from either encoding. */
export function violationsOf(trailers: Metadata | undefined): Violation[] {
  if (trailers === undefined) return [];
  const fromTrailers = trailers
    .get('sluice-field-violation')
    .map((raw) => percentDecode(String(raw)))
    // The server lists 20 violations and then counts the rest in one "and N more" line.
    .filter((decoded) => !/^and \d+ more$/.test(decoded))
    .map((decoded) => {
      const colon = decoded.indexOf(': ');
      return colon < 0
        ? { field: decoded, description: '' }
        : { field: decoded.slice(0, colon), description: decoded.slice(colon + 2) };
    });
  const fromDetails = trailers
    .get('grpc-status-details-bin')
    .flatMap((raw) => badRequestViolations(raw as Buffer));
  return [...fromTrailers, ...fromDetails];
}

/** The first segment of a field path ("usage" of "usage.decision_id", "tags" of "tags[é]"). */
export const rootOf = (path: string): string => /^[A-Za-z_][A-Za-z0-9_]*/.exec(path)?.[0] ?? '';

/**
 * Whether `path` starts with a field (a oneof's too) or a oneof of `desc`, as a proto field path
 * must; `request` names the whole message when its bytes do not decode as one.
 */
export function namesAField(desc: DescMessage, path: string): boolean {
  const root = rootOf(path);
  if (root === 'request') return true;
  return desc.fields.some((f) => f.name === root) || desc.oneofs.some((o) => o.name === root);
}
