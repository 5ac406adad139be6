import type { SpendSnapshot } from './budget.js';
import type { Decision, RouteDeps } from './decision.js';
import { isRouteError, type RouteError } from './errors.js';
import { hashFraction } from './hash.js';
import type { RouteRequest } from './request.js';
import { decide } from './route.js';
import { aPolicy, snapshotOf, type PolicyBuilder } from './testing/builders.js';
import { exampleModels, rulesExamplePolicy, exampleProfiles } from './testing/examples.js';

const deps: RouteDeps = { random: () => 0.5, now: () => new Date('2026-11-15T12:00:00Z') };
const snapshot = (policy: PolicyBuilder = rulesExamplePolicy(), unready: string[] = []) =>
  snapshotOf(
    policy,
    exampleModels().map((m) =>
      unready.includes(m.obj().metadata?.name ?? '') ? m.ready(false) : m,
    ),
    exampleProfiles(),
  );
const searchSpend = (usd: bigint): SpendSnapshot => ({
  month: '2026-11',
  spentMicros: new Map([['team=search', usd * 1_000_000n]]),
});

function decided(
  request: RouteRequest,
  extra: Partial<RouteDeps> = {},
  policy?: PolicyBuilder,
): Decision {
  const result = decide(request, snapshot(policy), { ...deps, ...extra });
  if (isRouteError(result)) throw new Error(`unexpected ${result.code}: ${result.message}`);
  return result;
}

const COMPLEX =
  'Explain step by step why the merger affects our margins, then compare the options.';

describe('decide on the example policy', () => {
  it.each<[string, RouteRequest, string, number | undefined, string]>([
    [
      'classification',
      { prompt: 'Classify this ticket: I was charged twice', taskLabel: 'classification' },
      'small/ticket-classifier',
      256,
      'rule simple-tasks: task label classification; ticket-classifier: labelled classification',
    ],
    [
      'a short answer with a smaller caller cap',
      { prompt: 'What is the capital of France?', taskLabel: 'short-answer', maxTokens: 50 },
      'small/llama-3-1-8b-awq',
      50,
      'rule short-answers: task label short-answer, prompt tokens 7 <= 1000',
    ],
    [
      'a complex query to the frontier tier',
      { prompt: COMPLEX, maxTokens: 4000 },
      'frontier/gpt-4o',
      1500,
      'rule complex-queries: complexity complex (score 2.5)',
    ],
    [
      'a short simple query',
      { prompt: 'Translate "good morning" into Spanish.' },
      'small/llama-3-1-8b-awq',
      300,
      'rule simple-queries: prompt tokens 8 <= 500, complexity simple (score 0)',
    ],
    [
      'a long simple query to the default route',
      { prompt: 'Summarize: ' + 'the cat sat on the mat. '.repeat(100) },
      'medium/qwen2-5-32b-fp8',
      800,
      'default route',
    ],
    [
      'a token count alone',
      { promptTokens: 300 },
      'small/llama-3-1-8b-awq',
      300,
      'rule simple-queries: prompt tokens 300 <= 500, complexity simple (score 0)',
    ],
    [
      'a token count with a complex keyword the caller found',
      { promptTokens: 300, keywords: ['Step By Step'] },
      'frontier/gpt-4o',
      1500,
      'rule complex-queries: complexity complex (score 1)',
    ],
    [
      'a token count with keywords the policy does not list',
      { promptTokens: 300, keywords: ['refund', 'stepwise'] },
      'small/llama-3-1-8b-awq',
      300,
      'rule simple-queries: prompt tokens 300 <= 500, complexity simple (score 0)',
    ],
    [
      'a system prompt that would read as complex',
      {
        messages: [
          { role: 'system', content: 'You analyze and compare support tickets.' },
          { role: 'user', content: 'Reset my password please' },
        ],
      },
      'small/llama-3-1-8b-awq',
      300,
      'rule simple-queries: prompt tokens 22 <= 500, complexity simple (score 0)',
    ],
  ])('routes %s', (_label, request, ...expected) => {
    const [target, maxTokens, reason] = expected;
    const decision = decided(request);
    expect(`${decision.tier}/${decision.model}`).toBe(target);
    expect(decision.maxTokens).toBe(maxTokens);
    expect(decision.reason).toBe(reason);
  });

  it('returns everything needed to call the model and explain the choice', () => {
    expect(decided({ prompt: COMPLEX })).toMatchObject({
      kind: 'decision',
      policy: { name: 'default', namespace: 'default', generation: 1 },
      model: 'gpt-4o',
      tier: 'frontier',
      provider: 'external',
      endpoint: 'https://api.openai.com/v1',
      servedModelName: 'gpt-4o',
      ruleName: 'complex-queries',
      fallbacks: [],
      skippedTiers: [],
      complexity: 'complex',
      features: { complexKeywords: ['step by step', 'compare'] },
      budget: undefined,
      shadowTier: undefined,
    });
  });

  it('falls back to a later tier and says so', () => {
    const result = decide(
      { prompt: 'Classify: refund', taskLabel: 'classification' },
      snapshot(rulesExamplePolicy(), ['llama-3-1-8b-awq', 'ticket-classifier']),
      deps,
    );
    expect(result).toMatchObject({
      model: 'qwen2-5-32b-fp8',
      reason: 'rule simple-tasks: task label classification; fell back past small (unavailable)',
      fallbacks: [{ model: 'gpt-4o', tier: 'frontier' }],
      skippedTiers: [{ tier: 'small', reason: 'unavailable' }],
    });
  });

  it('downgrades a team past its budget, keeping reasoning off the 4-bit model', () => {
    const decision = decided(
      { prompt: COMPLEX, tags: { team: 'search' } },
      { spend: searchSpend(4100n) },
    );
    // ticket-classifier, the small tier's other model, answers classification only.
    expect(decision).toMatchObject({ tier: 'medium', model: 'qwen2-5-32b-fp8', maxTokens: 1500 });
    expect(decision.reason).toContain(
      '; budget search-team at 82%: frontier -> small; fell back past small (quantization)',
    );
  });

  it('rejects a team past a rejecting budget with RESOURCE_EXHAUSTED', () => {
    const policy = rulesExamplePolicy().budget({
      name: 'search-hard-cap',
      tag: { key: 'team', value: 'search' },
      monthlyUSD: '4000',
      thresholdPercent: 100,
      action: 'reject',
    });
    const result = decide({ prompt: 'hi', tags: { team: 'search' } }, snapshot(policy), {
      ...deps,
      spend: searchSpend(4100n),
    });
    expect(result).toMatchObject({
      code: 'RESOURCE_EXHAUSTED',
      message: expect.stringContaining('search-hard-cap') as string,
    });
  });

  it.each<[string, RouteRequest, Partial<RouteDeps>, Partial<RouteError>]>([
    [
      'an oversized prompt',
      { prompt: 'word '.repeat(50) },
      { limits: { maxPromptTokens: 10, maxPromptBytes: 1000 } },
      { code: 'INVALID_ARGUMENT', field: 'prompt' },
    ],
    [
      'no prompt',
      { taskLabel: 'classification' },
      {},
      { code: 'INVALID_ARGUMENT', field: 'prompt' },
    ],
  ])('refuses %s', (_label, request, extra, expected) => {
    expect(decide(request, snapshot(), { ...deps, ...extra })).toMatchObject(expected);
  });

  it('fails UNAVAILABLE when no tier can serve', () => {
    const all = ['llama-3-1-8b-awq', 'ticket-classifier', 'qwen2-5-32b-fp8', 'gpt-4o'];
    expect(decide({ prompt: 'hi' }, snapshot(rulesExamplePolicy(), all), deps)).toMatchObject({
      code: 'UNAVAILABLE',
    });
  });
});

describe('decide: quantization guard', () => {
  const policy = (allowQuantizedForReasoning: boolean) =>
    aPolicy()
      .tier('small', 'llama-3-1-8b-awq')
      .tier('medium', 'qwen2-5-32b-fp8')
      .rule(
        'cheap-reasoning',
        { taskLabels: ['reasoning'] },
        { tier: 'small', allowQuantizedForReasoning },
      )
      .defaultRoute('small');

  it.each([
    [false, 'medium/qwen2-5-32b-fp8'],
    [true, 'small/llama-3-1-8b-awq'],
  ])('with allowQuantizedForReasoning %s sends reasoning to %s', (allow, target) => {
    const decision = decided({ prompt: 'Is 7 prime?', taskLabel: 'reasoning' }, {}, policy(allow));
    expect(`${decision.tier}/${decision.model}`).toBe(target);
  });

  it('lets simple traffic use the 4-bit model', () => {
    expect(decided({ prompt: 'hi', taskLabel: 'extraction' }, {}, policy(false)).model).toBe(
      'llama-3-1-8b-awq',
    );
  });
});

describe('decide: sticky picks and shadow sampling', () => {
  const ids = Array.from({ length: 400 }, (_, i) => `decision-${i}`);
  // Two unlabelled small models, so the pick is by weight alone (fitness.spec.ts covers labels).
  const generalists = snapshotOf(
    rulesExamplePolicy(),
    exampleModels().map((m) => m.taskLabels()),
    exampleProfiles(),
  );
  const simple = (decisionId: string, extra: Partial<RouteDeps> = {}) => {
    const request = { prompt: 'Classify: refund', taskLabel: 'classification', decisionId };
    const result = decide(request, generalists, { ...deps, ...extra });
    if (isRouteError(result)) throw new Error(result.message);
    return result;
  };

  it('picks by the decision id when sticky, whatever the random source says', () => {
    for (const id of ids.slice(0, 50)) {
      const expected = hashFraction(id) < 0.75 ? 'llama-3-1-8b-awq' : 'ticket-classifier';
      expect(simple(id, { sticky: true, random: () => 0 }).model).toBe(expected);
      expect(simple(id, { sticky: true, random: () => 0.99 }).model).toBe(expected);
    }
  });

  it('picks by the random source when not sticky', () => {
    expect(simple('decision-1', { random: () => 0 }).model).toBe('llama-3-1-8b-awq');
    expect(simple('decision-1', { random: () => 0.9 }).model).toBe('ticket-classifier');
  });

  it('shadows about 5% of simple-routed decisions to the frontier tier, the same ones every time', () => {
    const shadowed = ids.filter((id) => simple(id).shadowTier === 'frontier');
    expect(shadowed.length).toBeGreaterThan(5);
    expect(shadowed.length).toBeLessThan(40);
    expect(
      ids.filter((id) => simple(id, { random: () => 0.99 }).shadowTier === 'frontier'),
    ).toEqual(shadowed);
  });

  it('never shadows frontier-routed traffic', () => {
    expect(
      ids.some((decisionId) => decided({ prompt: COMPLEX, decisionId }).shadowTier !== undefined),
    ).toBe(false);
  });
});

describe('decide: caller keywords', () => {
  const policy = aPolicy()
    .tier('small', 'llama-3-1-8b-awq')
    .tier('frontier', 'gpt-4o')
    .rule('refunds', { keywords: ['refund'] }, { tier: 'frontier' })
    .defaultRoute('small');

  it.each<[string, RouteRequest, string]>([
    [
      'a caller keyword',
      { promptTokens: 40, keywords: ['Refund'] },
      'rule refunds: keyword "refund"',
    ],
    ['no caller keyword', { promptTokens: 40 }, 'default route'],
    [
      'text merged with caller keywords',
      { prompt: 'hello', keywords: ['refund'] },
      'rule refunds: keyword "refund"',
    ],
  ])('matches rule keywords against %s', (_label, request, reason) => {
    expect(decided(request, {}, policy).reason).toBe(reason);
  });

  it('shows the caller keywords the classifier counted in the features', () => {
    const decision = decided({ promptTokens: 40, keywords: ['analyze', 'compare'] });
    expect(decision.features.complexKeywords).toEqual(['analyze', 'compare']);
    expect(decision.complexity).toBe('complex');
  });
});

describe("decide: the caller's complexity", () => {
  it.each<[string, RouteRequest, string, string]>([
    [
      'complex',
      { promptTokens: 40, complexity: 'complex' },
      'frontier/gpt-4o',
      'rule complex-queries: complexity complex (caller)',
    ],
    [
      'simple, over complex keywords',
      { promptTokens: 40, keywords: ['step by step'], complexity: 'simple' },
      'small/llama-3-1-8b-awq',
      'rule simple-queries: prompt tokens 40 <= 500, complexity simple (caller)',
    ],
  ])('labels the query %s in place of the classifier', (_label, request, target, reason) => {
    const decision = decided(request);
    expect(`${decision.tier}/${decision.model}`).toBe(target);
    expect(decision.reason).toBe(reason);
    expect(decision.classifier).toBe('caller');
  });

  it('keeps the classifier score and features for explanation', () => {
    const decision = decided({ promptTokens: 40, keywords: ['compare'], complexity: 'simple' });
    expect(decision).toMatchObject({ complexity: 'simple', score: 1 });
    expect(decision.features.complexKeywords).toEqual(['compare']);
  });

  it('keeps complex traffic off the 4-bit model when the caller says complex', () => {
    const policy = aPolicy()
      .tier('small', 'llama-3-1-8b-awq')
      .tier('medium', 'qwen2-5-32b-fp8')
      .defaultRoute('small');
    expect(decided({ promptTokens: 40, complexity: 'complex' }, {}, policy).model).toBe(
      'qwen2-5-32b-fp8',
    );
  });

  it('is the rules classifier without a caller verdict', () => {
    expect(decided({ promptTokens: 40 }).classifier).toBe('rules');
  });
});

describe('decide: a policy that is not Ready', () => {
  const broken = aPolicy()
    .tier('small', 'ticket-classifier')
    .rule('broken', { regex: '(' }, { tier: 'small', maxTokens: 1 })
    .defaultRoute('small', 64);

  it('refuses to route past a rule whose regex does not compile: FAILED_PRECONDITION', () => {
    const result = decide({ prompt: '(' }, snapshot(broken), deps);
    expect(result).toMatchObject({
      kind: 'error',
      code: 'FAILED_PRECONDITION',
      message: expect.stringContaining(
        'RoutingPolicy default/default is not Ready (InvalidRegex)',
      ) as unknown,
    });
  });

  it('still refuses bad input first, with its field', () => {
    expect(decide({ promptTokens: -1 }, snapshot(broken), deps)).toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('routes on what resolves when only some references are missing', () => {
    const degraded = aPolicy().tier('small', 'ghost', 'ticket-classifier').defaultRoute('small');
    const request = { prompt: 'hello', taskLabel: 'classification' };
    expect(decided(request, {}, degraded).model).toBe('ticket-classifier');
  });
});
