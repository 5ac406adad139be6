import { problemList, notReadyError } from './readiness.js';
import { aModel, aPolicy, snapshotOf, type ModelBuilder } from './testing/builders.js';

const small = aModel('small-a');
const big = aModel('big').tier('frontier');
const twoTiers = () =>
  aPolicy('chat').tier('small', 'small-a').tier('frontier', 'big').defaultRoute('small');

describe('policyReadiness (buildSnapshot)', () => {
  it.each<[string, ReturnType<typeof aPolicy>, ModelBuilder[], string | undefined]>([
    ['every ref resolved', twoTiers(), [small, big], undefined],
    [
      'resolved but no model Ready: Route falls back or is UNAVAILABLE',
      twoTiers(),
      [small.ready(false)],
      undefined,
    ],
    ['some refs unresolved, others resolve: degraded, still used', twoTiers(), [small], undefined],
    ['only a tier mismatch elsewhere', twoTiers(), [small, aModel('big')], undefined],
    ['no ref resolves', twoTiers(), [], 'NoResolvedModel'],
    [
      'every model sits in another tier',
      twoTiers(),
      [aModel('small-a').tier('x')],
      'NoResolvedModel',
    ],
    [
      'an invalid regex',
      twoTiers().rule('r', { regex: '(' }, { tier: 'small' }),
      [small, big],
      'InvalidRegex',
    ],
    [
      'a rule to an unknown tier',
      twoTiers().rule('r', { hints: ['x'] }, { tier: 'nope' }),
      [small, big],
      'UnknownTier',
    ],
    [
      'a default route to an unknown tier',
      twoTiers().defaultRoute('nope'),
      [small, big],
      'UnknownTier',
    ],
    ['a tier declared twice', twoTiers().tier('small', 'big'), [small, big], 'DuplicateTier'],
    [
      'a rule without conditions',
      twoTiers().rule('all', {}, { tier: 'small' }),
      [small, big],
      'EmptyMatch',
    ],
    [
      'a budget that cannot be enforced',
      twoTiers().budget({
        name: 'b',
        tag: { key: 'team', value: 'a' },
        monthlyUSD: 'lots',
        action: 'reject',
      }),
      [small, big],
      'InvalidAmount',
    ],
  ])('%s', (_name, policy, models, notReadyReason) => {
    const { readiness } = snapshotOf(policy, models);
    expect(readiness.ready ? undefined : readiness.reason).toBe(notReadyReason);
  });

  it('lists the unresolved targets when none resolves', () => {
    const { readiness } = snapshotOf(twoTiers(), []);
    expect(readiness.ready ? [] : readiness.problems.map((p) => p.field)).toEqual([
      'spec.tiers[0].targets[0].model',
      'spec.tiers[1].targets[0].model',
    ]);
  });
});

describe('notReadyError', () => {
  it('is FAILED_PRECONDITION naming the policy, the reason and each problem', () => {
    const snapshot = snapshotOf(twoTiers().rule('r', { regex: '(' }, { tier: 'small' }), [
      small,
      big,
    ]);
    expect(notReadyError(snapshot.policy, snapshot.readiness)).toEqual({
      kind: 'error',
      code: 'FAILED_PRECONDITION',
      message: expect.stringMatching(
        /^RoutingPolicy default\/chat is not Ready \(InvalidRegex\): spec\.rules\[0\]\.match\.regex: pattern "\(" does not compile/,
      ) as unknown,
    });
  });

  it('is nothing for a Ready policy', () => {
    const snapshot = snapshotOf(twoTiers(), [small, big]);
    expect(notReadyError(snapshot.policy, snapshot.readiness)).toBeUndefined();
  });
});

describe('problemList', () => {
  const problem = (i: number) => ({
    field: `spec.rules[${i}]`,
    reason: 'Bad',
    message: `bad ${i}`,
  });
  it.each([
    { count: 1, expected: 'spec.rules[0]: bad 0' },
    { count: 2, expected: 'spec.rules[0]: bad 0; spec.rules[1]: bad 1' },
    { count: 10, expected: /spec\.rules\[7\]: bad 7; and 2 more$/ },
  ])('$count problems', ({ count, expected }) => {
    const text = problemList(Array.from({ length: count }, (_, i) => problem(i)));
    if (typeof expected === 'string') expect(text).toBe(expected);
    else expect(text).toMatch(expected);
  });
});
