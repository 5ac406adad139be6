import { classify } from './classifier.js';
import { extractFeatures, type Features } from './features.js';
import { compileKeywords } from './keywords.js';
import { countTokens } from './tokens.js';

const base: Features = {
  tokens: 10,
  questions: 0,
  reasoningMarkers: [],
  complexKeywords: [],
  multiStepCues: 0,
  codeSignals: 0,
  mathSignals: 0,
};

describe('classify: weights', () => {
  it.each<[string, Partial<Features>, number, 'simple' | 'complex']>([
    ['nothing', {}, 0, 'simple'],
    ['tokens at the threshold', { tokens: 2000 }, 1, 'complex'],
    ['tokens just under the threshold', { tokens: 1999 }, 0.25, 'simple'],
    ['tokens at half the threshold', { tokens: 1000 }, 0.25, 'simple'],
    ['tokens under half the threshold', { tokens: 999 }, 0, 'simple'],
    ['one policy keyword', { complexKeywords: ['prove'] }, 1, 'complex'],
    ['two policy keywords count once', { complexKeywords: ['prove', 'compare'] }, 1, 'complex'],
    ['one strong marker', { reasoningMarkers: ['compare'] }, 0.5, 'simple'],
    ['two strong markers', { reasoningMarkers: ['compare', 'prove'] }, 1, 'complex'],
    [
      'three strong markers are capped',
      { reasoningMarkers: ['compare', 'prove', 'analyze'] },
      1,
      'complex',
    ],
    ['one weak marker', { reasoningMarkers: ['why'] }, 0.25, 'simple'],
    [
      'three weak markers are capped',
      { reasoningMarkers: ['why', 'explain', 'what if'] },
      0.5,
      'simple',
    ],
    ['strong and weak markers', { reasoningMarkers: ['compare', 'why', 'explain'] }, 1, 'complex'],
    ['one multi-step cue', { multiStepCues: 1 }, 0.5, 'simple'],
    ['two multi-step cues', { multiStepCues: 2 }, 1, 'complex'],
    ['many multi-step cues are capped', { multiStepCues: 5 }, 1, 'complex'],
    ['two questions', { questions: 2 }, 0.25, 'simple'],
    ['four questions', { questions: 4 }, 0.5, 'simple'],
    ['code', { codeSignals: 3 }, 0.5, 'simple'],
    ['too few code signals', { codeSignals: 2 }, 0, 'simple'],
    ['math', { mathSignals: 1 }, 0.5, 'simple'],
    ['code and math', { codeSignals: 3, mathSignals: 1 }, 1, 'complex'],
    [
      'code and "explain why"',
      { codeSignals: 3, reasoningMarkers: ['why', 'explain'] },
      1,
      'complex',
    ],
    [
      'why, a cue and two questions',
      { reasoningMarkers: ['why'], multiStepCues: 1, questions: 2 },
      1,
      'complex',
    ],
  ])('%s scores %d: %s', (_label, features, score, complexity) => {
    expect(classify({ ...base, ...features }, 2000)).toMatchObject({ score, complexity });
  });

  it('returns the features it judged', () => {
    const features = { ...base, questions: 2 };
    expect(classify(features, 2000).features).toBe(features);
  });
});

describe('classify: prompts routed as the seed describes', () => {
  // The example RoutingPolicy's classifier (examples/routing-policy.yaml).
  const policyKeywords = compileKeywords(['step by step', 'analyze', 'compare', 'prove']);
  const tierOf = (prompt: string, keywords = policyKeywords) => {
    const verdict = classify(extractFeatures(prompt, countTokens(prompt), keywords), 2000);
    return verdict.complexity === 'simple' ? 'small' : 'frontier';
  };

  it.each([
    [
      'classification',
      'Classify this support ticket as billing, technical or account: "I was charged twice this month."',
    ],
    [
      'extraction',
      'Extract the invoice number, date and total from: Invoice #4821, dated 2024-03-14, total $1,250.00',
    ],
    ['formatting', 'Format this address as JSON: 221B Baker Street, London NW1 6XE'],
    ['short answer', 'What is the capital of France?'],
    ['short why-question', 'Why is the sky blue?'],
    ['summarization', 'Summarize this review in one sentence: great battery, weak camera.'],
    ['translation', 'Translate "good morning" into Spanish.'],
  ])('sends %s to the small tier', (_label, prompt) => {
    expect(tierOf(prompt)).toBe('small');
  });

  it.each([
    [
      'multi-step analysis',
      'Explain step by step why the merger would affect our Q3 margins, then compare the two financing options and analyze the trade-offs.',
    ],
    ['a proof', 'Prove that the square root of 2 is irrational.'],
    [
      'sequenced work',
      'First summarize the contract, then list the risks, and then propose a mitigation for each risk.',
    ],
    [
      'code with an explanation',
      'Refactor this function to avoid the N+1 query and explain why:\n```ts\nasync function load(ids) { for (const id of ids) await db.get(id); }\n```',
    ],
    ['a prompt past the token threshold', 'lorem ipsum '.repeat(1500)],
  ])('sends %s to the frontier tier', (_label, prompt) => {
    expect(tierOf(prompt)).toBe('frontier');
  });

  it('lets the policy keywords decide what built-in markers alone do not', () => {
    const proof = 'Prove that the square root of 2 is irrational.';
    expect(tierOf(proof, compileKeywords([]))).toBe('small');
    expect(tierOf(proof)).toBe('frontier');
  });
});
