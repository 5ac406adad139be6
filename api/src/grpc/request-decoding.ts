import { fromBinary, type DescMessage } from '@bufbuild/protobuf';
import { structFieldPath } from './deep-field.js';
import { SluiceError } from './sluice-error.js';

// grpc-js answers INTERNAL when a request deserializer throws, though a frame that is not the
// method's message is the client's fault. So the deserializer never throws: it hands over a
// marker, and the call wrapper (grpc-call.ts) turns the marker into INVALID_ARGUMENT.

const UNDECODABLE = Symbol('undecodable request');

interface Undecodable {
  readonly [UNDECODABLE]: { readonly field: string; readonly description: string };
}

/** The request decoded, or a marker saying it is not a `schema` message. */
export function decodeRequest(schema: DescMessage, bytes: Uint8Array): unknown {
  try {
    return fromBinary(schema, bytes);
  } catch {
    // Nothing of the cause is sent; only a Struct nested too deep is worth naming.
    const field = structFieldPath(schema, bytes);
    const why =
      field === undefined
        ? { field: 'request', description: `is not a valid ${schema.typeName} message` }
        : { field, description: 'nests too deep to decode (protobuf-es decodes 100 levels)' };
    return { [UNDECODABLE]: why } satisfies Undecodable;
  }
}

/** `message` itself, or INVALID_ARGUMENT naming the request when it could not be decoded. */
export function requireDecoded(message: unknown): unknown {
  if (typeof message === 'object' && message !== null && UNDECODABLE in message) {
    const { field, description } = (message as Undecodable)[UNDECODABLE];
    throw SluiceError.invalidArgument(field, description);
  }
  return message;
}

/** The messages of a client stream, each required decoded: the first bad one ends the read. */
export async function* decodedMessages(messages: AsyncIterable<unknown>): AsyncIterable<unknown> {
  for await (const message of messages) yield requireDecoded(message);
}
