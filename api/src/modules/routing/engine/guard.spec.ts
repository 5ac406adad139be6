import { meetsQuality, qualityNeed, taskClassOf } from './guard.js';
import type { ModelView } from './snapshot.js';

describe('taskClassOf', () => {
  it.each([
    ['classification', 'classification'],
    ['intent-detection', 'classification'],
    ['short-answer', 'shortAnswer'],
    ['analysis', 'reasoning'],
    ['code', 'coding'],
    ['poetry', undefined],
    [undefined, undefined],
    ['constructor', undefined],
  ])('maps %j to %j', (label, expected) => {
    expect(taskClassOf(label)).toBe(expected);
  });
});

describe('qualityNeed', () => {
  it.each<[string | undefined, 'simple' | 'complex', boolean, object | undefined]>([
    [undefined, 'simple', false, undefined],
    ['classification', 'simple', false, undefined],
    ['reasoning', 'simple', false, { taskClass: 'reasoning', minRetention: 90 }],
    [undefined, 'complex', false, { taskClass: 'reasoning', minRetention: 90 }],
    ['extraction', 'complex', false, { taskClass: 'extraction', minRetention: 90 }],
    ['reasoning', 'complex', true, undefined],
    [undefined, 'complex', true, undefined],
  ])('label %j, %s, allowQuantized %s needs %j', (label, complexity, allow, expected) => {
    expect(qualityNeed(label, complexity, allow, 90)).toEqual(expected);
  });
});

describe('meetsQuality', () => {
  const model = (retention: ModelView['retention']): ModelView => ({
    name: 'm',
    tier: 'small',
    provider: 'vllm',
    ready: true,
    endpoint: undefined,
    servedModelName: 'm',
    pricing: {},
    retention,
    quantizationProfile: retention ? 'p' : undefined,
    taskLabels: new Set(),
  });
  const awq = { extraction: 94, reasoning: 82 };

  it.each<[string, ModelView['retention'], object | undefined, boolean]>([
    ['no need', awq, undefined, true],
    ['full precision', undefined, { taskClass: 'reasoning', minRetention: 90 }, true],
    ['4-bit on reasoning', awq, { taskClass: 'reasoning', minRetention: 90 }, false],
    ['4-bit on extraction', awq, { taskClass: 'extraction', minRetention: 90 }, true],
    ['4-bit at exactly the threshold', awq, { taskClass: 'extraction', minRetention: 94 }, true],
    [
      'a class the profile omits, judged by reasoning',
      awq,
      { taskClass: 'coding', minRetention: 90 },
      false,
    ],
    ['a profile silent on everything', {}, { taskClass: 'coding', minRetention: 90 }, true],
  ])('%s: %s', (_label, retention, need, expected) => {
    expect(meetsQuality(model(retention), need as Parameters<typeof meetsQuality>[1])).toBe(
      expected,
    );
  });
});
