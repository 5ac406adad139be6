// gRPC requests no client library would send, written with node:http2: the length-prefixed
// message framing (1 byte compressed flag, 4 bytes big-endian length, the message) and headers as
// the test chooses. Used by the wire-edge tests and the fuzz suite's raw frames.
import { connect, constants, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http2';

export interface RawAnswer {
  /** HTTP :status. */
  readonly httpStatus: number;
  /** grpc-status from the headers (trailers-only answer) or the trailers; undefined if none. */
  readonly grpcStatus: number | undefined;
  readonly grpcMessage: string;
}

/** A message frame: `flag` 1 means compressed, `declared` overrides the length prefix. */
export function frame(
  body: Uint8Array,
  options: { flag?: number; declared?: number } = {},
): Buffer {
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
