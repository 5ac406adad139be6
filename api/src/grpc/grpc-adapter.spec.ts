import { Server, ServerCredentials, status as GrpcStatus } from '@grpc/grpc-js';
import { create, toBinary } from '@bufbuild/protobuf';
import { DependencyState, GetStatusResponseSchema, SystemService } from '@sluice/proto';
import { EncodedReply } from './encoded-reply.js';
import { createUnaryClient } from './grpc-client.js';
import {
  toGrpcDefinition,
  toGrpcHandlers,
  toServiceError,
  type CallContext,
} from './grpc-adapter.js';
import type { ImplementationOf } from './grpc-service.decorator.js';
import { SluiceError, type FieldViolation } from './sluice-error.js';
import { violationLines, statusViolations } from './status/read-violations.js';
import { decodeStatusDetails } from './status/status-details.js';
import { failure as failureOf } from '../testing/grpc-failure.js';

type Behaviour = (
  ctx: CallContext,
) => ReturnType<ImplementationOf<typeof SystemService>['getStatus']>;

async function serve(behaviour: Behaviour) {
  const calls: Array<{ method: string; code: GrpcStatus; error?: unknown }> = [];
  const server = new Server();
  const impl: ImplementationOf<typeof SystemService> = { getStatus: (_req, ctx) => behaviour(ctx) };
  server.addService(
    toGrpcDefinition(SystemService),
    toGrpcHandlers(SystemService, impl, (method, code, _s, error) =>
      calls.push({ method, code, error }),
    ),
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  const client = createUnaryClient(SystemService, `127.0.0.1:${port}`);
  const close = () => {
    client.close();
    server.forceShutdown();
  };
  return { client, calls, close };
}

describe('grpc adapter', () => {
  it('serves typed requests and replies through protobuf-es binary encoding', async () => {
    const { client, calls, close } = await serve(() => ({
      version: '1.2.3',
      dependencies: [{ name: 'postgres', state: DependencyState.UP, detail: 'ok' }],
    }));
    try {
      const reply = await client.getStatus({});
      expect(reply.version).toBe('1.2.3');
      expect(reply.dependencies).toEqual([
        expect.objectContaining({ name: 'postgres', state: DependencyState.UP }),
      ]);
      expect(calls).toEqual([
        { method: '/sluice.v1.SystemService/GetStatus', code: GrpcStatus.OK },
      ]);
    } finally {
      close();
    }
  });

  it('sends a reply the handler encoded itself as it is', async () => {
    const init = { version: '4.5.6', dependencies: [{ name: 'redis', state: DependencyState.UP }] };
    const bytes = toBinary(GetStatusResponseSchema, create(GetStatusResponseSchema, init));
    const { client, close } = await serve(() => new EncodedReply(bytes));
    try {
      const reply = await client.getStatus({});
      expect(reply.version).toBe('4.5.6');
      expect(reply.dependencies).toEqual([
        expect.objectContaining({ name: 'redis', state: DependencyState.UP }),
      ]);
    } finally {
      close();
    }
  });

  it('sends a SluiceError as its code, message and field violations', async () => {
    const { client, close } = await serve(() => {
      throw SluiceError.invalidArgument('prompt', 'must not be empty');
    });
    try {
      const error = await failureOf(client.getStatus({}));
      expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
      expect(error.details).toBe('prompt: must not be empty');
      expect(error.metadata.get('sluice-field-violation')).toEqual(['prompt: must not be empty']);
    } finally {
      close();
    }
  });

  it.each([
    ['non-ASCII', 'tags["équipe"]', 'tags["%C3%A9quipe"]: bad'],
    ['a newline', 'tags["a\nb"]', 'tags["a%0Ab"]: bad'],
    ['a percent sign and a comma', 'tags["100%,"]', 'tags["100%25%2C"]: bad'],
  ])(
    'sends a violation whose text has %s, percent-encoded, and keeps serving',
    async (_case, field, trailer) => {
      const { client, close } = await serve(() => {
        throw SluiceError.invalidArgument(field, 'bad');
      });
      try {
        const error = await failureOf(client.getStatus({}));
        expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
        expect(error.details).toBe(`${field}: bad`);
        expect(error.metadata.get('sluice-field-violation')).toEqual([trailer]);
        expect(decodeURIComponent(trailer)).toBe(`${field}: bad`);
        const [bin] = error.metadata.get('grpc-status-details-bin') as Buffer[];
        expect(decodeStatusDetails(bin!)).toEqual({
          code: GrpcStatus.INVALID_ARGUMENT,
          message: `${field}: bad`,
          violations: [{ field, description: 'bad' }],
        });
        await expect(failureOf(client.getStatus({}))).resolves.toMatchObject({
          code: GrpcStatus.INVALID_ARGUMENT,
        });
      } finally {
        close();
      }
    },
  );

  it('answers thousands of violations with the first 20 and a count of the rest', async () => {
    const violations = Array.from({ length: 5000 }, (_, i) => ({
      field: `tags["ключ${i}"]`,
      description: 'é'.repeat(1000),
    }));
    const message = violations.map((v) => `${v.field}: ${v.description}`).join('; ');
    const { client, close } = await serve(() => {
      throw new SluiceError(GrpcStatus.INVALID_ARGUMENT, message, violations);
    });
    try {
      const error = await failureOf(client.getStatus({}));
      expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
      const lines = violationLines(error.metadata);
      expect(lines).toHaveLength(21);
      expect(lines[19]).toMatch(/^tags\["ключ19"\]: é+\.\.\.$/);
      expect(lines[20]).toBe('and 4980 more');
      const details = statusViolations(error.metadata);
      expect(details).toHaveLength(20);
      expect(details[19]!.field).toBe('tags["ключ19"]');
      expect(details[0]!.description).toMatch(/^é+\.\.\.$/);
    } finally {
      close();
    }
  });

  it('still answers, without trailers, when the status itself cannot be built', async () => {
    const unreadable = {
      length: 1,
      slice: () => {
        throw new Error('violations unreadable');
      },
    } as unknown as FieldViolation[];
    const { client, calls, close } = await serve(() => {
      throw new SluiceError(GrpcStatus.INVALID_ARGUMENT, 'broken', unreadable);
    });
    try {
      const error = await failureOf(client.getStatus({}));
      expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
      expect(error.metadata.get('sluice-field-violation')).toEqual([]);
      expect(calls[0]).toMatchObject({ code: GrpcStatus.INTERNAL });
      expect(String((calls[0]!.error as Error).message)).toBe('violations unreadable');
    } finally {
      close();
    }
  });

  it('hides unexpected errors behind INTERNAL and reports the cause to the observer', async () => {
    const secret = new Error('password=hunter2 leaked in a driver message');
    const { client, calls, close } = await serve(() => Promise.reject(secret));
    try {
      const error = await failureOf(client.getStatus({}));
      expect(error.code).toBe(GrpcStatus.INTERNAL);
      expect(error.details).toBe('internal error');
      expect(calls[0]).toMatchObject({ code: GrpcStatus.INTERNAL, error: secret });
    } finally {
      close();
    }
  });

  it('aborts the handler signal when the client deadline passes', async () => {
    let aborted: Promise<boolean> = Promise.resolve(false);
    const { client, close } = await serve(
      (ctx) =>
        new Promise((resolve) => {
          aborted = new Promise((done) => ctx.signal.addEventListener('abort', () => done(true)));
          setTimeout(() => resolve({ version: 'late' }), 2000).unref();
        }),
    );
    try {
      const error = await failureOf(client.getStatus({}, { timeoutMs: 50 }));
      expect(error.code).toBe(GrpcStatus.DEADLINE_EXCEEDED);
      await expect(aborted).resolves.toBe(true);
    } finally {
      close();
    }
  });

  it('refuses an implementation missing a method at registration', () => {
    expect(() =>
      toGrpcHandlers(SystemService, {} as ImplementationOf<typeof SystemService>, () => {}),
    ).toThrow('sluice.v1.SystemService: no handler for GetStatus');
  });

  it.each([
    [
      new SluiceError(GrpcStatus.NOT_FOUND, 'policy "x" not found'),
      GrpcStatus.NOT_FOUND,
      'policy "x" not found',
    ],
    [
      SluiceError.unavailable('database down', new Error('ECONNREFUSED')),
      GrpcStatus.UNAVAILABLE,
      'database down',
    ],
    ['a string', GrpcStatus.INTERNAL, 'internal error'],
  ])('maps %p to a wire status', (error, code, details) => {
    expect(toServiceError(error)).toMatchObject({ code, details });
  });
});
