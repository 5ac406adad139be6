import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { CacheKind, RouteDecisionSchema, RouteResponseSchema } from '@sluice/proto';
import { encodeWrapped } from './encoded-reply.js';

describe('encodeWrapped', () => {
  const decision = create(RouteDecisionSchema, {
    decisionId: 'd-1',
    reason: { rule: 'simple-tasks', message: 'task label classification' },
    maxTokens: 256,
    promptTokens: 27,
    cacheHit: {
      kind: CacheKind.EXACT,
      responseText: 'é'.repeat(300),
      cachedAt: timestampFromMs(1),
    },
  });

  it('gives the bytes protobuf-es gives for the outer message, byte for byte', () => {
    const inner = toBinary(RouteDecisionSchema, decision);
    const wrapped = encodeWrapped(RouteResponseSchema, 'decision', inner).bytes;
    expect(Buffer.from(wrapped)).toEqual(
      Buffer.from(toBinary(RouteResponseSchema, create(RouteResponseSchema, { decision }))),
    );
    expect(fromBinary(RouteResponseSchema, wrapped).decision).toEqual(decision);
  });

  it('refuses a field that is not a plain message field', () => {
    expect(() => encodeWrapped(RouteDecisionSchema, 'decisionId', new Uint8Array())).toThrow(
      'sluice.v1.RouteDecision.decisionId is not a plain message field',
    );
  });
});
