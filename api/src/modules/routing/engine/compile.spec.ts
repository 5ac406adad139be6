import type { RoutingPolicySpec } from '@sluice/crds';
import { compilePolicy } from './compile.js';
import { aPolicy } from './testing/builders.js';
import { examplePolicy } from './testing/examples.js';

const meta = { name: 'p', namespace: 'ns', generation: 7 };

describe('compilePolicy', () => {
  it('compiles the example policy without problems', () => {
    const policy = examplePolicy().compiled();
    expect(policy.problems).toEqual([]);
    expect([...policy.tierIndex]).toEqual([
      ['small', 0],
      ['medium', 1],
      ['frontier', 2],
    ]);
    expect(policy.rules.map((r) => r.name)).toEqual([
      'simple-tasks',
      'short-answers',
      'reasoning',
      'complex-queries',
      'simple-queries',
    ]);
    expect(policy.budgets[0]).toMatchObject({
      monthlyMicros: 5_000_000_000n,
      downgradeTo: 'small',
    });
  });

  it('applies the CRD defaults to a minimal spec', () => {
    const spec: RoutingPolicySpec = {
      tiers: [{ name: 'small', targets: [{ model: 'm' }] }],
      defaultRoute: { tier: 'small' },
      budgets: [
        { name: 'b', tag: { key: 'team', value: 't' }, monthlyUSD: '10', downgradeTo: 'small' },
      ],
      shadow: { tier: 'small' },
    };
    expect(compilePolicy(meta, spec)).toMatchObject({
      ...meta,
      tiers: [{ name: 'small', index: 0, targets: [{ model: 'm', weight: 1 }] }],
      classifier: { complexTokenThreshold: 2000 },
      defaultRoute: { tier: 'small', maxTokens: undefined, allowQuantizedForReasoning: false },
      fallback: {
        onUnavailable: true,
        onOverload: true,
        onErrorBudget: false,
        errorBudgetPercent: 5,
      },
      budgets: [{ thresholdPercent: 80, action: 'downgrade' }],
      shadow: { tier: 'small', samplePercent: 5 },
      problems: [],
    });
  });

  it.each<[string, ReturnType<typeof aPolicy>, { field: string; reason: string }[]]>([
    [
      'a rule on an undeclared tier',
      aPolicy()
        .tier('small', 'm')
        .rule('r', { hints: ['x'] }, { tier: 'huge' }),
      [{ field: 'spec.rules[0].route.tier', reason: 'UnknownTier' }],
    ],
    [
      'an undeclared default tier',
      aPolicy().tier('small', 'm').defaultRoute('medium'),
      [{ field: 'spec.defaultRoute.tier', reason: 'UnknownTier' }],
    ],
    [
      'an undeclared shadow tier',
      aPolicy().tier('small', 'm').shadow('frontier', 5),
      [{ field: 'spec.shadow.tier', reason: 'UnknownTier' }],
    ],
    [
      'a tier declared twice',
      aPolicy().tier('small', 'm').tier('small', 'n'),
      [{ field: 'spec.tiers[1].name', reason: 'DuplicateTier' }],
    ],
    [
      'an invalid regex',
      aPolicy().tier('small', 'm').rule('r', { regex: '[a-' }, { tier: 'small' }),
      [{ field: 'spec.rules[0].match.regex', reason: 'InvalidRegex' }],
    ],
    [
      'an empty match',
      aPolicy().tier('small', 'm').rule('r', {}, { tier: 'small' }),
      [{ field: 'spec.rules[0].match', reason: 'EmptyMatch' }],
    ],
    [
      'a budget amount that is not money',
      aPolicy()
        .tier('small', 'm')
        .budget({
          name: 'b',
          tag: { key: 'team', value: 't' },
          monthlyUSD: '5k',
          action: 'reject',
        }),
      [{ field: 'spec.budgets[0].monthlyUSD', reason: 'InvalidAmount' }],
    ],
    [
      'a downgrade without a tier, and one to an undeclared tier',
      aPolicy()
        .tier('small', 'm')
        .budget({ name: 'a', tag: { key: 'team', value: 't' }, monthlyUSD: '5' })
        .budget({
          name: 'b',
          tag: { key: 'team', value: 't' },
          monthlyUSD: '5',
          downgradeTo: 'tiny',
        }),
      [
        { field: 'spec.budgets[0].downgradeTo', reason: 'MissingDowngradeTier' },
        { field: 'spec.budgets[1].downgradeTo', reason: 'UnknownTier' },
      ],
    ],
    [
      'a route without a tier under the rules classifier',
      aPolicy()
        .tier('small', 'm')
        .rule('r', { hints: ['x'] }, {})
        .defaultRoute(undefined),
      [
        { field: 'spec.defaultRoute.tier', reason: 'MissingTier' },
        { field: 'spec.rules[0].route.tier', reason: 'MissingTier' },
      ],
    ],
    [
      'a learned classifier without thresholds',
      aPolicy().tier('small', 'm').classifier({ type: 'learned' }),
      [{ field: 'spec.classifier.thresholds', reason: 'MissingThresholds' }],
    ],
    [
      'learned thresholds that do not strictly decrease',
      aPolicy().tier('small', 'm').tier('big', 'n').learned(['small', 30], ['big', 30]),
      [{ field: 'spec.classifier.thresholds', reason: 'InvalidThresholds' }],
    ],
    [
      'learned thresholds on an undeclared tier',
      aPolicy().tier('small', 'm').learned(['small', 70], ['huge', 0]).defaultRoute(undefined),
      [{ field: 'spec.classifier.thresholds[1].tier', reason: 'UnknownTier' }],
    ],
  ])('reports %s instead of throwing', (_label, policy, expected) => {
    const problems = policy.compiled().problems;
    expect(problems.map(({ field, reason }) => ({ field, reason }))).toEqual(expected);
    expect(problems.every((p) => p.message.length > 0)).toBe(true);
  });

  it('compiles a learned classifier whose routes take its tier', () => {
    const policy = aPolicy()
      .tier('small', 'm')
      .tier('big', 'n')
      .learned(['small', 60], ['big', 0])
      .rule('r', { hints: ['x'] }, { maxTokens: 10 })
      .defaultRoute(undefined)
      .compiled();
    expect(policy.problems).toEqual([]);
    expect(policy.classifier).toMatchObject({
      type: 'learned',
      thresholds: [
        { tier: 'small', minSmallOkPercent: 60 },
        { tier: 'big', minSmallOkPercent: 0 },
      ],
      thresholdsFrom: 'spec',
    });
    expect([policy.defaultRoute.tier, policy.rules[0]?.route.tier]).toEqual([undefined, undefined]);
  });

  it('disables only the rule whose regex does not compile', () => {
    const policy = aPolicy()
      .tier('small', 'm')
      .rule('bad', { regex: '(' }, { tier: 'small' })
      .rule('good', { regex: 'ok' }, { tier: 'small' })
      .compiled();
    expect(policy.rules.map((r) => r.usable)).toEqual([false, true]);
  });
});
