import { loadDefaultRouterModel } from './default-model.js';
import { TASK_KINDS } from './kinds.js';

describe('the committed router model', () => {
  const model = loadDefaultRouterModel();

  it('names its version from its bytes', () => {
    expect(model.version).toMatch(/^router-model-[0-9a-f]{8}$/);
  });

  it.each([
    ['empty', ''],
    ['huge', 'Explain this log. '.repeat(200_000)],
    [
      'non-Latin',
      '请把这段话翻译成英文：今天天气很好。 Объясни, почему небо голубое? 東京の人口は？',
    ],
    ['lone surrogates', `a\ud800b\udfffc${'\ud83d'.repeat(3000)}`],
    ['control characters', '\u0000\u0007\u001b[31m\r\n\t'],
    ['emoji split by the window', `${'😀'.repeat(1000)}x${'😀'.repeat(2000)}`],
  ])('predicts a %s prompt: probabilities over every kind summing to 1', (_name, prompt) => {
    const p = model.predict(prompt);
    expect([...p.probabilities.keys()]).toEqual([...TASK_KINDS]);
    const sum = [...p.probabilities.values()].reduce((s, v) => s + v, 0);
    expect(sum).toBeCloseTo(1, 9);
    expect(p.smallOk).toBeGreaterThanOrEqual(0);
    expect(p.smallOk).toBeLessThanOrEqual(1);
    expect(p.kindProbability).toBe(p.probabilities.get(p.kind));
  });

  it('is pure: the same prompt gives the same prediction after others', () => {
    const first = model.predict('What is the capital of France?');
    model.predict('Write a long poem about the sea');
    expect(model.predict('What is the capital of France?')).toEqual(first);
  });
});
