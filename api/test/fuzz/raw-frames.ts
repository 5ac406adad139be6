// gRPC requests no client library would send, written with node:http2: the length-prefixed
// message framing (1 byte compressed flag, 4 bytes big-endian length, the message) broken in
// each way the wire allows, and headers a gRPC server must refuse.
import { connect, constants, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http2';

export interface RawAnswer {
  /** HTTP :status. */
  readonly httpStatus: number;
  /** grpc-status from the headers (trailers-only answer) or the trailers; undefined if none. */
  readonly grpcStatus: number | undefined;
  readonly grpcMessage: string;
}

/** A message frame: `flag` 1 means compressed, `declared` overrides the length prefix. */
export function frame(body: Buffer, options: { flag?: number; declared?: number } = {}): Buffer {
  const prefix = Buffer.alloc(5);
  prefix.writeUInt8(options.flag ?? 0, 0);
  prefix.writeUInt32BE(options.declared ?? body.length, 1);
  return Buffer.concat([prefix, body]);
}

const statusOf = (headers: IncomingHttpHeaders | undefined): number | undefined => {
  const value = headers?.['grpc-status'];
  return value === undefined ? undefined : Number(value);
};

/**
 * Sends `body` as the whole request stream to `path` with gRPC headers (overridable), and
 * resolves with the answer. `endStream` false leaves the stream open: the deadline then decides.
 */
export function rawRequest(
  address: string,
  path: string,
  body: Buffer,
  headers: OutgoingHttpHeaders = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const session = connect(`http://${address}`);
    session.on('error', reject);
    const request = session.request({
      [constants.HTTP2_HEADER_METHOD]: 'POST',
      [constants.HTTP2_HEADER_PATH]: path,
      'content-type': 'application/grpc',
      te: 'trailers',
      // The server must answer, not wait forever for the rest of a short message.
      'grpc-timeout': '10S',
      ...headers,
    });
    let response: IncomingHttpHeaders | undefined;
    let trailers: IncomingHttpHeaders | undefined;
    request.on('response', (h: IncomingHttpHeaders) => {
      response = h;
    });
    request.on('trailers', (h: IncomingHttpHeaders) => {
      trailers = h;
    });
    request.on('data', () => undefined);
    request.on('error', () => undefined);
    request.on('close', () => {
      session.close();
      const final = trailers ?? response;
      resolve({
        httpStatus: Number(response?.[':status'] ?? 0),
        grpcStatus: statusOf(trailers) ?? statusOf(response),
        grpcMessage: decodeURIComponent(String(final?.['grpc-message'] ?? '')),
      });
    });
    request.end(body);
  });
}

/** The malformed requests, each with a name for the test table. */
export function malformedRequests(
  validBody: Buffer,
  stringField: number,
): Array<[string, Buffer, OutgoingHttpHeaders]> {
  // A length-delimited field's key is a varint of (number << 3 | 2).
  const key: number[] = [];
  for (let v = (stringField << 3) | 2; ; v >>>= 7) {
    if (v < 0x80) {
      key.push(v);
      break;
    }
    key.push((v & 0x7f) | 0x80);
  }
  const badUtf8 = Buffer.from([...key, 0x02, 0xc3, 0x28]);
  const garbage = Buffer.from('ffffffffffffffffff0a03616263', 'hex');
  return [
    ['garbage protobuf bytes', frame(garbage), {}],
    ['a field tag with wire type 7', frame(Buffer.from([0x0f, 0x01])), {}],
    ['a string field longer than the message', frame(Buffer.from([0x12, 0x7f, 0x61])), {}],
    ['invalid UTF-8 in a string field', frame(badUtf8), {}],
    [
      'a length prefix longer than the body',
      frame(validBody, { declared: validBody.length + 100 }),
      {},
    ],
    ['a huge declared length', frame(validBody, { declared: 0xffffffff }), {}],
    ['a truncated frame header', Buffer.from([0, 0, 0]), {}],
    ['two messages on a unary call', Buffer.concat([frame(validBody), frame(validBody)]), {}],
    ['an empty request stream', Buffer.alloc(0), {}],
    ['compressed flag without grpc-encoding', frame(validBody, { flag: 1 }), {}],
    [
      'compressed flag with a bad gzip body',
      frame(garbage, { flag: 1 }),
      { 'grpc-encoding': 'gzip' },
    ],
    ['an unknown grpc-encoding', frame(validBody, { flag: 1 }), { 'grpc-encoding': 'brotli-x' }],
    ['a wrong content-type', frame(validBody), { 'content-type': 'application/json' }],
    ['a malformed grpc-timeout', frame(validBody), { 'grpc-timeout': 'soon' }],
  ];
}
