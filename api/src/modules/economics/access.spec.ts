import type { Caller } from '../../grpc/auth/caller.js';
import { GrpcStatus } from '../../grpc/sluice-error.js';
import { seesUnattributed, visibility } from './access.js';

const caller = (over: Partial<Caller> = {}): Caller => ({
  tenantId: 't1',
  tenantName: 'acme',
  tokenId: 'k1',
  scope: {},
  admin: false,
  ...over,
});
const filter = (dimension: string, ...values: string[]) => ({ dimension, values: new Set(values) });

/** What `fn` threw (undefined if nothing). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('visibility', () => {
  it.each([
    [caller(), [], { tenantId: 't1', scope: {} }, false],
    [caller({ admin: true }), [], { tenantId: undefined, scope: {} }, true],
    [
      caller({ admin: true, scope: { team: 'a' } }),
      [],
      { tenantId: undefined, scope: { team: 'a' } },
      false,
    ],
    [
      caller({ scope: { team: 'a' } }),
      [filter('tag:team', 'a')],
      { tenantId: 't1', scope: { team: 'a' } },
      false,
    ],
    [
      caller({ scope: { team: 'a' } }),
      [filter('tag:product', 'x')],
      { tenantId: 't1', scope: { team: 'a' } },
      false,
    ],
  ])('%j with %j sees %j', (who, filters, expected, unattributed) => {
    const seen = visibility(who, filters);
    expect(seen).toEqual(expected);
    expect(seesUnattributed(seen)).toBe(unattributed);
  });

  it('is UNAUTHENTICATED without a caller', () => {
    expect(thrown(() => visibility(undefined, []))).toEqual(
      expect.objectContaining({ code: GrpcStatus.UNAUTHENTICATED }),
    );
  });

  it('is PERMISSION_DENIED for a tag filter outside the scope', () => {
    expect(
      thrown(() =>
        visibility(caller({ scope: { team: 'a' } }), [
          filter('tier', 'x'),
          filter('tag:team', 'a', 'b'),
        ]),
      ),
    ).toEqual(
      expect.objectContaining({
        code: GrpcStatus.PERMISSION_DENIED,
        violations: [expect.objectContaining({ field: 'filters[1].values' })],
      }),
    );
  });
});
