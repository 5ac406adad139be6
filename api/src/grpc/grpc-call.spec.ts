import { Server, ServerCredentials, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { RouterService } from '@sluice/proto';
import { createUnaryClient } from './grpc-client.js';
import { toGrpcDefinition, toGrpcHandlers, type Authenticate } from './grpc-adapter.js';
import type { ImplementationOf } from './grpc-service.decorator.js';
import { SluiceError } from './sluice-error.js';

type Router = ImplementationOf<typeof RouterService>;

// A RouterService whose stream handler counts what it read, and whose unary handlers say who
// called: enough to pin client streaming and the authentication hook of the adapter.
const impl: Router = {
  route: (_request, ctx) => ({ decision: { decisionId: ctx.caller?.tenantName ?? 'nobody' } }),
  reportUsage: () => ({}),
  reportOutcome: () => ({}),
  reportShadowVerdict: () => ({}),
  reportUsageStream: async (requests) => {
    let accepted = 0n;
    for await (const request of requests) {
      if (request.usage?.decisionId === 'poison') throw SluiceError.invalidArgument('usage', 'no');
      accepted += 1n;
    }
    return { acceptedCount: accepted };
  },
};

async function serve(authenticate?: Authenticate) {
  const server = new Server();
  server.addService(
    toGrpcDefinition(RouterService),
    toGrpcHandlers(RouterService, impl, () => undefined, authenticate),
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  const client = createUnaryClient(RouterService, `127.0.0.1:${port}`);
  return {
    client,
    close: () => {
      client.close();
      server.forceShutdown();
    },
  };
}

const usage = (decisionId: string) => ({ usage: { decisionId } });

describe('grpc adapter: client streaming and authentication', () => {
  it.each([
    [[], 0n],
    [[usage('a')], 1n],
    [Array.from({ length: 500 }, (_, i) => usage(`d${i}`)), 500n],
  ])('reads every streamed message before answering (%#)', async (messages, expected) => {
    const { client, close } = await serve();
    try {
      const reply = await client.reportUsageStream(messages);
      expect(reply.acceptedCount).toBe(expected);
    } finally {
      close();
    }
  });

  it('answers a stream with the SluiceError its handler threw', async () => {
    const { client, close } = await serve();
    try {
      const error = (await client
        .reportUsageStream([usage('a'), usage('poison')])
        .catch((e: unknown) => e)) as ServiceError;
      expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    } finally {
      close();
    }
  });

  it('puts the authenticated caller on the context, and refuses before the handler', async () => {
    const authenticate: Authenticate = (metadata) => {
      if (metadata.get('authorization')[0] !== 'Bearer good')
        throw new SluiceError(GrpcStatus.UNAUTHENTICATED, 'bad token');
      return { tenantId: 't', tenantName: 'acme', tokenId: 'k', scope: {}, admin: false };
    };
    const { client, close } = await serve(authenticate);
    try {
      const ok = await client.route({}, { metadata: { authorization: 'Bearer good' } });
      expect(ok.decision?.decisionId).toBe('acme');
      const refused = (await client.route({}).catch((e: unknown) => e)) as ServiceError;
      expect(refused.code).toBe(GrpcStatus.UNAUTHENTICATED);
      const stream = (await client
        .reportUsageStream([usage('a')])
        .catch((e: unknown) => e)) as ServiceError;
      expect(stream.code).toBe(GrpcStatus.UNAUTHENTICATED);
    } finally {
      close();
    }
  });
});
