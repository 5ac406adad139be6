import { compileKeywords } from './keywords.js';
import { matchRule, type QueryFacts } from './match.js';
import { aPolicy } from './testing/builders.js';
import { rulesExamplePolicy } from './testing/examples.js';

const query = (facts: Partial<QueryFacts>): QueryFacts => ({
  text: 'hello',
  tokens: 10,
  keywords: [],
  taskLabel: undefined,
  hints: [],
  tags: {},
  complexity: 'simple',
  classifier: 'rules',
  score: 0,
  ...facts,
});

describe('matchRule on the example policy', () => {
  const policy = rulesExamplePolicy().compiled();

  it.each<[string, Partial<QueryFacts>, string, string]>([
    [
      'classification',
      { taskLabel: 'classification' },
      'small',
      'rule simple-tasks: task label classification',
    ],
    [
      'extraction',
      { taskLabel: 'extraction' },
      'small',
      'rule simple-tasks: task label extraction',
    ],
    [
      'a short answer',
      { taskLabel: 'short-answer', tokens: 40 },
      'small',
      'rule short-answers: task label short-answer, prompt tokens 40 <= 1000',
    ],
    [
      'a long short answer, simple',
      { taskLabel: 'short-answer', tokens: 1200 },
      'medium',
      'default route',
    ],
    [
      'reasoning',
      { taskLabel: 'reasoning', complexity: 'simple' },
      'frontier',
      'rule reasoning: task label reasoning',
    ],
    [
      'a complex query',
      { complexity: 'complex', score: 1.5 },
      'frontier',
      'rule complex-queries: complexity complex (score 1.5)',
    ],
    [
      'a short simple query',
      { tokens: 120 },
      'small',
      'rule simple-queries: prompt tokens 120 <= 500, complexity simple (score 0)',
    ],
    ['a long simple query', { tokens: 900 }, 'medium', 'default route'],
    [
      'an unknown task label, complex',
      { taskLabel: 'poetry', complexity: 'complex', score: 1 },
      'frontier',
      'rule complex-queries: complexity complex (score 1)',
    ],
  ])('routes %s to %s', (_label, facts, tier, reason) => {
    const match = matchRule(policy, query(facts));
    expect(match.route.tier).toBe(tier);
    expect(match.reason).toBe(reason);
  });

  it('names the rule and its cap, or none for the default route', () => {
    expect(matchRule(policy, query({ taskLabel: 'formatting' }))).toMatchObject({
      ruleName: 'simple-tasks',
      route: { tier: 'small', maxTokens: 256, allowQuantizedForReasoning: false },
    });
    expect(matchRule(policy, query({ tokens: 900 }))).toMatchObject({
      ruleName: undefined,
      route: { tier: 'medium', maxTokens: 800 },
    });
  });
});

describe('matchRule conditions', () => {
  const policyWith = (match: Parameters<ReturnType<typeof aPolicy>['rule']>[1]) =>
    aPolicy()
      .tier('small', 'm')
      .tier('big', 'b')
      .rule('r', match, { tier: 'big' })
      .defaultRoute('small')
      .compiled();

  it.each<
    [
      string,
      Parameters<ReturnType<typeof aPolicy>['rule']>[1],
      Partial<QueryFacts>,
      string | undefined,
    ]
  >([
    [
      'a hint',
      { hints: ['prefer-quality'] },
      { hints: ['x', 'prefer-quality'] },
      'hint prefer-quality',
    ],
    ['a missing hint', { hints: ['prefer-quality'] }, { hints: ['prefer-cheap'] }, undefined],
    ['min tokens reached', { minPromptTokens: 100 }, { tokens: 100 }, 'prompt tokens 100 >= 100'],
    ['min tokens not reached', { minPromptTokens: 100 }, { tokens: 99 }, undefined],
    [
      'tokens within both bounds',
      { minPromptTokens: 10, maxPromptTokens: 20 },
      { tokens: 20 },
      'prompt tokens 20 in [10, 20]',
    ],
    ['max tokens passed', { maxPromptTokens: 20 }, { tokens: 21 }, undefined],
    [
      'a keyword, any case',
      { keywords: ['refund', 'chargeback'] },
      { text: 'A CHARGEBACK happened' },
      'keyword "chargeback"',
    ],
    ['a keyword inside a word', { keywords: ['refund'] }, { text: 'refunding' }, undefined],
    [
      'a caller keyword, as if in the text',
      { keywords: ['refund', 'chargeback'] },
      { text: '', keywords: ['invoice', 'Chargeback dispute'] },
      'keyword "chargeback"',
    ],
    [
      'a caller keyword inside a word',
      { keywords: ['refund'] },
      { text: '', keywords: ['refunding'] },
      undefined,
    ],
    [
      'a regex on caller keywords',
      { regex: 'refund' },
      { text: '', keywords: ['refund'] },
      undefined,
    ],
    [
      'a regex',
      { regex: String.raw`\bINV-\d{4}\b` },
      { text: 'see INV-4821' },
      String.raw`regex /\bINV-\d{4}\b/`,
    ],
    ['a case-sensitive regex', { regex: 'INV-' }, { text: 'inv-1' }, undefined],
    ['an RE2 (?i) regex', { regex: '(?i)inv-' }, { text: 'INV-1' }, 'regex /inv-/'],
    ['a regex without text', { regex: '.*' }, { text: '' }, undefined],
    [
      'all tags',
      { tags: { team: 'search', product: 'web' } },
      { tags: { team: 'search', product: 'web', customer: 'c' } },
      'tag team=search, tag product=web',
    ],
    [
      'one tag differs',
      { tags: { team: 'search', product: 'web' } },
      { tags: { team: 'search', product: 'app' } },
      undefined,
    ],
    ['a missing tag', { tags: { team: 'search' } }, { tags: {} }, undefined],
    [
      'label and complexity',
      { taskLabels: ['qa'], complexity: 'complex' },
      { taskLabel: 'qa', complexity: 'complex', score: 2 },
      'task label qa, complexity complex (score 2)',
    ],
    [
      "the caller's complexity",
      { complexity: 'complex' },
      { complexity: 'complex', classifier: 'caller', score: 0 },
      'complexity complex (caller)',
    ],
    [
      'label but not complexity',
      { taskLabels: ['qa'], complexity: 'complex' },
      { taskLabel: 'qa' },
      undefined,
    ],
    ['no task label sent', { taskLabels: ['qa'] }, {}, undefined],
  ])('%s', (_label, match, facts, reason) => {
    const result = matchRule(policyWith(match), query(facts));
    expect(result.reason).toBe(reason === undefined ? 'default route' : `rule r: ${reason}`);
    expect(result.route.tier).toBe(reason === undefined ? 'small' : 'big');
  });

  it('takes the first matching rule', () => {
    const policy = aPolicy()
      .tier('a', 'x')
      .tier('b', 'y')
      .rule('first', { keywords: ['invoice'] }, { tier: 'a' })
      .rule('second', { keywords: ['invoice'] }, { tier: 'b' })
      .compiled();
    expect(matchRule(policy, query({ text: 'invoice' })).ruleName).toBe('first');
  });

  it('skips a rule whose regex does not compile, and the policy reports it', () => {
    const policy = aPolicy()
      .tier('small', 'm')
      .tier('big', 'b')
      .rule('broken', { regex: '(unclosed' }, { tier: 'big' })
      .rule('fine', { keywords: ['x'] }, { tier: 'big' })
      .compiled();
    expect(matchRule(policy, query({ text: 'x (unclosed' })).ruleName).toBe('fine');
    expect(policy.problems).toEqual([
      expect.objectContaining({ field: 'spec.rules[0].match.regex', reason: 'InvalidRegex' }),
    ]);
  });

  it('uses the keyword matcher compiled with the policy', () => {
    const policy = policyWith({ keywords: ['Step By Step'] });
    expect(policy.rules[0]?.match.keywords?.pattern?.source).toBe(
      compileKeywords(['Step By Step']).pattern?.source,
    );
  });
});
