import { Server, ServerCredentials, type MethodDefinition } from '@grpc/grpc-js';

/**
 * The baseline Route is held to (issue 15): a bare grpc-js unary RPC that does no work but carry
 * messages of Route's sizes. A request is one byte naming the reply, then a RouteRequest's bytes
 * as a Route client sends them; the reply is the bytes of a real RouteResponse to that prompt.
 * Nothing is decoded or encoded on the server: what Route adds over this is Route's own work.
 */
export const ECHO_PATH = '/sluice.bench.Echo/Echo';

const raw = (bytes: Buffer): Buffer => bytes;

export const ECHO_METHOD: MethodDefinition<Buffer, Buffer> = {
  path: ECHO_PATH,
  requestStream: false,
  responseStream: false,
  requestSerialize: raw,
  requestDeserialize: raw,
  responseSerialize: raw,
  responseDeserialize: raw,
};

export interface EchoServer {
  readonly address: string;
  close(): Promise<void>;
}

/** `replies[i]`: the reply to a request whose first byte is i. */
export async function startEchoServer(replies: readonly Uint8Array[]): Promise<EchoServer> {
  const buffers = replies.map((reply) => Buffer.from(reply));
  const server = new Server();
  server.addService(
    { echo: ECHO_METHOD },
    {
      echo: (call: { request: Buffer }, callback: (error: null, reply?: Buffer) => void) =>
        callback(null, buffers[call.request[0] ?? 0]),
    },
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.tryShutdown(() => resolve())),
  };
}
