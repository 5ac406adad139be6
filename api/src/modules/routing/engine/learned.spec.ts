import type { Threshold } from './classifier-model.js';
import { classify, type Complexity } from './classifier.js';
import { extractFeatures } from './features.js';
import { compileKeywords } from './keywords.js';
import { learnedVerdict } from './learned.js';
import { fakeRouterModel } from './testing/fake-router-model.js';

const THREE: Threshold[] = [
  { tier: 'small', minSmallOkPercent: 70 },
  { tier: 'medium', minSmallOkPercent: 30 },
  { tier: 'frontier', minSmallOkPercent: 0 },
];
const model = (smallOk: number) =>
  fakeRouterModel([], { kind: 'open-question', kindProbability: 0.5, smallOk });
const rules = (text: string, tokens = 10) =>
  classify(extractFeatures(text, tokens, compileKeywords([]), undefined), 2000);

describe('learnedVerdict', () => {
  it.each<[number, Complexity | undefined, string, Complexity]>([
    [0.95, undefined, 'small', 'simple'],
    [0.5, undefined, 'medium', 'simple'],
    [0.1, undefined, 'frontier', 'complex'],
    [0.95, 'complex', 'frontier', 'complex'],
    [0.5, 'complex', 'frontier', 'complex'],
    [0.1, 'simple', 'medium', 'simple'],
    [0.5, 'simple', 'medium', 'simple'],
    [0.95, 'simple', 'small', 'simple'],
  ])('smallOk %d, caller %s: %s, %s', (smallOk, caller, tier, complexity) => {
    const result = learnedVerdict(model(smallOk), THREE, {
      text: 'any text',
      rules: rules('any text'),
      callerComplexity: caller,
    });
    expect(result.verdict.tier).toBe(tier);
    expect(result.complexity).toBe(complexity);
    expect(result.verdict.smallOk).toBe(smallOk);
  });

  it('keeps two tiers apart: a simple caller stays below the last', () => {
    const two = THREE.filter((t) => t.tier !== 'medium');
    const input = { text: 'x', rules: rules('x'), callerComplexity: 'simple' as const };
    expect(learnedVerdict(model(0.1), two, input).verdict).toMatchObject({
      tier: 'small',
      reason:
        'classifier router-model-fa4e0001: open-question 0.50, smallOk 10% -> frontier, caller complexity simple -> small',
    });
  });

  it.each<[number, Complexity | undefined, string, string]>([
    [300, undefined, 'small', 'no text, complexity simple (score 0) -> small'],
    [2500, undefined, 'frontier', 'no text, complexity complex (score 1) -> frontier'],
    [300, 'complex', 'frontier', 'no text, complexity complex (caller) -> frontier'],
  ])('labels %d tokens without text by the rules (caller %s): %s', (tokens, caller, tier, why) => {
    const result = learnedVerdict(model(0.99), THREE, {
      text: '',
      rules: rules('', tokens),
      callerComplexity: caller,
    });
    expect(result.verdict).toMatchObject({ tier, prediction: undefined, smallOk: undefined });
    expect(result.verdict.reason).toBe(`classifier router-model-fa4e0001: ${why}`);
  });
});
