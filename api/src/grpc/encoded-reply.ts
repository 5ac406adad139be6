import type { DescMessage } from '@bufbuild/protobuf';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';

/**
 * A reply already in its wire bytes: the adapter sends them as they are. For a handler that
 * needs the bytes itself (Route keeps its decision's bytes for a retried call), so the reply is
 * encoded once, not once by the handler and again by the adapter (issue 15's profile: protobuf
 * encoding was a tenth of Route's CPU). `O` is the method's output schema, checked at compile time.
 */
export class EncodedReply<O extends DescMessage = DescMessage> {
  declare private readonly output?: O;

  constructor(readonly bytes: Uint8Array) {}
}

/**
 * `outer`'s bytes holding only the message field `field`, whose own bytes are `inner`: the
 * wire form of `{ [field]: inner }`, without decoding or re-encoding the inner message.
 */
export function encodeWrapped<O extends DescMessage>(
  outer: O,
  field: string,
  inner: Uint8Array,
): EncodedReply<O> {
  const desc = outer.fields.find((f) => f.localName === field);
  if (desc?.fieldKind !== 'message' || desc.oneof !== undefined) {
    throw new Error(`${outer.typeName}.${field} is not a plain message field`);
  }
  const writer = new BinaryWriter().tag(desc.number, WireType.LengthDelimited).bytes(inner);
  return new EncodedReply(writer.finish());
}
