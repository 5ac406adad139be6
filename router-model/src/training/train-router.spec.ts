import { loadRouterModel } from '../linear-router-model.js';
import type { TaskKind } from '../kinds.js';
import type { Example, Split } from './examples.js';
import { DEFAULT_TRAIN_OPTIONS, FAMILIES, trainRouterBytes } from './train-router.js';

/** Three kinds a bag of words separates: each prompt draws only from its kind's words. */
const VOCABULARY: Partial<Record<TaskKind, string[]>> = {
  math: ['solve', 'equation', 'integral', 'sum', 'number', 'divide', 'prove'],
  code: ['function', 'python', 'compile', 'bug', 'array', 'typescript', 'loop'],
  'creative-writing': ['poem', 'story', 'dragon', 'love', 'sonnet', 'moon', 'tale'],
};

function tinyExamples(): Example[] {
  const examples: Example[] = [];
  for (const [kind, words] of Object.entries(VOCABULARY) as [TaskKind, string[]][]) {
    for (let i = 0; i < 40; i++) {
      const text = [0, 1, 2, 3].map((j) => words[(i * 3 + j * 5) % words.length]).join(' ');
      const split: Split = i % 5 === 0 ? 'test' : i % 5 === 1 ? 'calibration' : 'train';
      examples.push({ id: `tiny:${kind}-${i}`, source: 'tiny', kind, split, text });
    }
  }
  return examples;
}

const quick = {
  ...DEFAULT_TRAIN_OPTIONS,
  features: { ...DEFAULT_TRAIN_OPTIONS.features, hashBits: 10 },
};

describe('trainRouterBytes', () => {
  it.each(FAMILIES)('%s learns a separable fixture', (family) => {
    const examples = tinyExamples();
    const model = loadRouterModel(trainRouterBytes(examples, { ...quick, family }));
    for (const example of examples) expect(model.predict(example.text).kind).toBe(example.kind);
  });

  it('routes what it learned: math to the frontier, creative writing to medium', () => {
    const model = loadRouterModel(trainRouterBytes(tinyExamples(), quick));
    expect(model.predict('prove the integral equation').smallOk).toBeLessThan(0.3);
    const poem = model.predict('a sonnet about the moon').smallOk;
    expect(poem).toBeGreaterThan(0.3);
    expect(poem).toBeLessThanOrEqual(0.5);
  });

  it('gives the same bytes twice', () => {
    const a = trainRouterBytes(tinyExamples(), quick);
    const b = trainRouterBytes(tinyExamples(), quick);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('never reads the test split', () => {
    const examples = tinyExamples();
    const changed = examples.map((e) =>
      e.split === 'test' ? { ...e, text: 'anything at all' } : e,
    );
    expect(
      Buffer.from(trainRouterBytes(changed, quick)).equals(
        Buffer.from(trainRouterBytes(examples, quick)),
      ),
    ).toBe(true);
  });
});
