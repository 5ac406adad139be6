import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import {
  credentials,
  makeGenericClientConstructor,
  Metadata,
  type Client,
  type ServiceError,
} from '@grpc/grpc-js';
import { RouteRequestSchema, RouteResponseSchema } from '@sluice/proto';
import { ECHO_METHOD } from './echo-server.js';
import { routeRequestOf } from './route-requests.js';
import type { RouteSpec, Target } from './targets.js';

interface EchoRequest {
  readonly index: number;
  readonly request: ReturnType<typeof routeRequestOf>['request'];
}

type EchoCall = (
  request: EchoRequest,
  metadata: Metadata,
  options: { deadline: Date },
  callback: (error: ServiceError | null, reply?: unknown) => void,
) => void;

/**
 * The client side of the echo does what Route's client does (create and encode the same
 * RouteRequest, send the same metadata and deadline, decode a RouteResponse), so the two differ
 * only in what the server does.
 */
const CLIENT_DEFINITION = {
  echo: {
    ...ECHO_METHOD,
    requestSerialize: ({ index, request }: EchoRequest) =>
      Buffer.concat([
        Uint8Array.of(index),
        toBinary(RouteRequestSchema, create(RouteRequestSchema, request)),
      ]),
    responseDeserialize: (bytes: Buffer) => fromBinary(RouteResponseSchema, bytes),
  },
};

export function echoTarget(address: string, route: RouteSpec): Target {
  const Constructor = makeGenericClientConstructor(CLIENT_DEFINITION, 'Echo');
  const client = new Constructor(address, credentials.createInsecure()) as unknown as Client & {
    echo: EchoCall;
  };
  return {
    call: (i) =>
      new Promise((resolve, reject) => {
        const metadata = new Metadata();
        for (const [key, value] of Object.entries(route.metadata)) metadata.set(key, value);
        const deadline = new Date(Date.now() + 10_000);
        client.echo(routeRequestOf(route, i), metadata, { deadline }, (error, reply) =>
          error ? reject(error) : resolve(reply),
        );
      }),
    close: () => client.close(),
  };
}
