import type { RoutingPolicy } from '@sluice/crds';
import { cachedCompiler } from './policy-cache.js';
import { compileFromObject } from './snapshot.js';

const policy = (generation: number | undefined, uid = 'uid-1'): RoutingPolicy => ({
  metadata: {
    name: 'default',
    namespace: 'team-a',
    uid,
    ...(generation === undefined ? {} : { generation }),
  },
  spec: { tiers: [{ name: 'small', targets: [{ model: 'm' }] }], defaultRoute: { tier: 'small' } },
});

describe('cachedCompiler', () => {
  it('compiles a generation once', () => {
    let compiles = 0;
    const compile = cachedCompiler((p) => {
      compiles++;
      return compileFromObject(p);
    });
    const first = compile(policy(3));
    expect(compile(policy(3))).toBe(first);
    expect(compiles).toBe(1);
  });

  it.each([
    ['a new generation', policy(4)],
    ['another policy with the same generation', policy(3, 'uid-2')],
  ])('compiles again for %s', (_label, next) => {
    const compile = cachedCompiler();
    const first = compile(policy(3));
    expect(compile(next)).not.toBe(first);
    expect(compile(next)?.generation ?? 0).toBe(next.metadata?.generation);
  });

  it('does not cache a policy without a generation', () => {
    const compile = cachedCompiler();
    expect(compile(policy(undefined))).not.toBe(compile(policy(undefined)));
  });
});
