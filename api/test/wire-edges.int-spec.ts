import { gzipSync } from 'node:zlib';
import { create, toBinary, type JsonObject, type JsonValue } from '@bufbuild/protobuf';
import { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { RouteRequestSchema, UsageStatus } from '@sluice/proto';
import { statusViolations, violationLines } from '../src/grpc/status/read-violations.js';
import { frame, rawRequest } from './support/raw-grpc.js';
import { routerFixture } from './support/router-fixture.js';
import { failure } from '../src/testing/grpc-failure.js';

const policy = { namespace: 'default', name: 'default' };
const ROUTE = '/sluice.v1.RouterService/Route';
const FAR = 100_000_000_000_000n; // 1e14 s, ~3 million years

function nested(levels: number): JsonObject {
  let value: JsonValue = 'x';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value as JsonObject;
}

// Issue 12 item 7: client mistakes that were answered INTERNAL (or UNAVAILABLE) are
// INVALID_ARGUMENT, over the real transport, and the server keeps serving after each.
describe('Client mistakes at the wire answer INVALID_ARGUMENT', () => {
  const fixture = routerFixture();

  afterEach(async () => {
    const { decision } = await fixture.app.client.route(
      { policy, prompt: { case: 'text', value: 'Still serving?' } },
      fixture.auth,
    );
    expect(decision?.decisionId).toBeTruthy();
  });

  const fieldsOf = (error: ServiceError) => statusViolations(error.metadata).map((v) => v.field);

  it.each([FAR, -FAR])('refuses a usage report occurred_at %p s, naming it', async (seconds) => {
    const { decision } = await fixture.app.client.route(
      { policy, prompt: { case: 'text', value: 'When?' } },
      fixture.auth,
    );
    const error = await failure(
      fixture.app.client.reportUsage(
        {
          usage: {
            decisionId: decision?.decisionId ?? '',
            status: UsageStatus.OK,
            inputTokens: 1,
            occurredAt: { seconds },
          },
        },
        fixture.auth,
      ),
    );
    expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(fieldsOf(error)).toEqual(['usage.occurred_at']);
  });

  it('refuses an outcome occurred_at -1e14 s, naming it', async () => {
    const error = await failure(
      fixture.app.client.reportOutcome(
        {
          idempotencyKey: 'far',
          outcome: 'sale',
          correlationId: 'c',
          occurredAt: { seconds: -FAR },
        },
        fixture.auth,
      ),
    );
    expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(fieldsOf(error)).toEqual(['occurred_at']);
  });

  it.each([20, 50])('refuses parameters.extra nested %i deep, naming it', async (levels) => {
    const error = await failure(
      fixture.app.client.route(
        { policy, prompt: { case: 'text', value: 'x' }, parameters: { extra: nested(levels) } },
        fixture.auth,
      ),
    );
    expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(fieldsOf(error)).toEqual(['parameters.extra']);
  });

  // Both hung the client before: one trailer per violation, and a grpc-message of all of them.
  it.each([
    ['ASCII', 'e'],
    ['non-ASCII', 'é'],
  ])('answers 5000 bad %s hints with 20 violations and a count of the rest', async (_, c) => {
    const hints = Array.from({ length: 5000 }, (_, i) => `${i}`.padEnd(200, c));
    const error = await failure(
      fixture.app.client.route(
        { policy, prompt: { case: 'text', value: 'x' }, hints },
        fixture.auth,
      ),
    );
    expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(fieldsOf(error)).toEqual(Array.from({ length: 20 }, (_, i) => `hints[${i}]`));
    const lines = violationLines(error.metadata);
    expect(lines).toHaveLength(21);
    expect(lines[20]).toBe('and 4980 more');
    expect(Buffer.byteLength(error.details)).toBeLessThanOrEqual(1024);
  });

  it.each([
    ['a truncated varint', Buffer.from([0x08, 0xff])],
    ['a wrong wire type', Buffer.from([0x0a, 0x05, 0x01])],
    ['random bytes', Buffer.from('ffffffffffffffffffff0a', 'hex')],
  ])('answers a Route frame of %s INVALID_ARGUMENT naming the request', async (_, bytes) => {
    const answer = await rawRequest(
      fixture.app.address,
      ROUTE,
      frame(bytes),
      fixture.auth.metadata,
    );
    expect(answer).toMatchObject({
      grpcStatus: GrpcStatus.INVALID_ARGUMENT,
      grpcMessage: 'request: is not a valid sluice.v1.RouteRequest message',
    });
  });

  it('answers a ReportUsageStream whose frame is garbage INVALID_ARGUMENT', async () => {
    const path = '/sluice.v1.RouterService/ReportUsageStream';
    const answer = await rawRequest(
      fixture.app.address,
      path,
      frame(Buffer.from([0x0a, 0x09])),
      fixture.auth.metadata,
    );
    expect(answer).toMatchObject({
      grpcStatus: GrpcStatus.INVALID_ARGUMENT,
      grpcMessage: 'request: is not a valid sluice.v1.ReportUsageStreamRequest message',
    });
  });

  it('answers a compressed frame that is not gzip INVALID_ARGUMENT', async () => {
    const headers = { ...fixture.auth.metadata, 'grpc-encoding': 'gzip' };
    const answer = await rawRequest(
      fixture.app.address,
      ROUTE,
      frame(Buffer.from('not gzip'), { flag: 1 }),
      headers,
    );
    expect(answer.grpcStatus).toBe(GrpcStatus.INVALID_ARGUMENT);
  });

  it('still answers a well-compressed frame (the interceptor changes only client faults)', async () => {
    const request = create(RouteRequestSchema, { policy, prompt: { case: 'text', value: 'zip' } });
    const body = gzipSync(toBinary(RouteRequestSchema, request));
    const headers = { ...fixture.auth.metadata, 'grpc-encoding': 'gzip' };
    const answer = await rawRequest(fixture.app.address, ROUTE, frame(body, { flag: 1 }), headers);
    expect(answer.grpcStatus).toBe(GrpcStatus.OK);
  });

  it('answers an unreadable grpc-timeout INVALID_ARGUMENT', async () => {
    const request = create(RouteRequestSchema, { policy, prompt: { case: 'text', value: 't' } });
    const headers = { ...fixture.auth.metadata, 'grpc-timeout': 'soon' };
    const body = frame(toBinary(RouteRequestSchema, request));
    const answer = await rawRequest(fixture.app.address, ROUTE, body, headers);
    expect(answer.grpcStatus).toBe(GrpcStatus.INVALID_ARGUMENT);
  });
});
