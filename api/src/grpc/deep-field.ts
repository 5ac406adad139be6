import type { DescField, DescMessage } from '@bufbuild/protobuf';
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';

// protobuf-es refuses to decode messages nested deeper than 100 levels (its guard against stack
// exhaustion). In sluice.v1 only google.protobuf.Struct nests without bound, so when a request
// fails that way, this finds which Struct field it was, reading the raw bytes along the
// descriptor without decoding them, so that the client is told the field and not just "request".

const RECURSIVE = new Set([
  'google.protobuf.Struct',
  'google.protobuf.Value',
  'google.protobuf.ListValue',
]);
/** How far to look for the Struct field through ordinary messages. */
const MAX_SEARCH_DEPTH = 32;

function nameOf(f: DescField): string {
  return f.oneof === undefined ? f.name : `${f.oneof.name}.${f.name}`;
}

/** The message type a length-delimited occurrence of field `no` holds, if any. */
function messageOf(desc: DescMessage, no: number, wireType: WireType): DescField | undefined {
  const f = desc.fields.find((candidate) => candidate.number === no);
  if (f === undefined || wireType !== WireType.LengthDelimited) return undefined;
  if (f.fieldKind === 'message') return f;
  if (f.fieldKind === 'list' && f.listKind === 'message') return f;
  return undefined; // maps of messages hold entries; no sluice.v1 map holds a Struct
}

/** The proto path of the first Struct-like field in `bytes` (a `desc` message), if any. */
export function structFieldPath(
  desc: DescMessage,
  bytes: Uint8Array,
  depth = 0,
): string | undefined {
  if (depth > MAX_SEARCH_DEPTH) return undefined;
  try {
    const reader = new BinaryReader(bytes);
    while (reader.pos < reader.len) {
      const [no, wireType] = reader.tag();
      const field = messageOf(desc, no, wireType);
      const type = field?.message;
      if (field === undefined || type === undefined) {
        reader.skip(wireType, no);
        continue;
      }
      if (RECURSIVE.has(type.typeName)) return nameOf(field);
      const inner = structFieldPath(type, reader.bytes(), depth + 1);
      if (inner !== undefined) return `${nameOf(field)}.${inner}`;
    }
  } catch {
    // Garbage is garbage: the caller names the request as a whole.
  }
  return undefined;
}
