import { connect, constants } from 'node:http2';

/** What a server answered to one raw gRPC request: its status and message trailers. */
export interface RawAnswer {
  readonly status: number;
  readonly message: string;
}

/** One length-prefixed gRPC message: compressed flag, big-endian length, bytes. */
export function frame(body: Uint8Array, compressed = false): Buffer {
  const prefix = Buffer.alloc(5);
  prefix.writeUInt8(compressed ? 1 : 0, 0);
  prefix.writeUInt32BE(body.length, 1);
  return Buffer.concat([prefix, body]);
}

/**
 * Sends `body` as the whole request stream of `path` over plain HTTP/2, as a client library
 * never would (bad frames, bad headers), and reads grpc-status from headers or trailers.
 */
export function rawCall(
  address: string,
  path: string,
  body: Buffer,
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  const session = connect(`http://${address}`);
  return new Promise<RawAnswer>((resolve, reject) => {
    session.on('error', reject);
    const stream = session.request({
      [constants.HTTP2_HEADER_METHOD]: 'POST',
      [constants.HTTP2_HEADER_PATH]: path,
      'content-type': 'application/grpc',
      te: 'trailers',
      ...headers,
    });
    let answer: Record<string, string | string[] | number | undefined> = {};
    const take = (h: typeof answer) => (answer = { ...answer, ...h });
    stream.on('response', take);
    stream.on('trailers', take);
    stream.on('data', () => undefined);
    stream.on('error', reject);
    stream.on('close', () =>
      resolve({
        status: Number(answer['grpc-status']),
        message: decodeURIComponent([answer['grpc-message'] ?? ''].flat().join()),
      }),
    );
    stream.end(body);
  }).finally(() => session.close());
}
