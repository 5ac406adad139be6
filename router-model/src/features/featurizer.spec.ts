import { Featurizer, type SparseVector } from './featurizer.js';
import { DEFAULT_FEATURE_CONFIG, DENSE_FEATURES, featureDims } from './feature-config.js';
import { fnvStep, hashString, SEED_CHAR, SEED_WORD } from './hash.js';
import { promptWindow } from './prompt-window.js';

const config = DEFAULT_FEATURE_CONFIG;
const copy = (x: SparseVector) => ({
  indices: Array.from(x.indices),
  values: Array.from(x.values),
});

describe('Featurizer', () => {
  it('gives the same vector for the same prompt, from one instance or two', () => {
    const prompt = 'Write a Python function that reverses a linked list. ```def f(x): return x```';
    const one = new Featurizer(config);
    const first = copy(one.extract(prompt));
    one.extract('something else entirely, to dirty the buffers');
    expect(copy(one.extract(prompt))).toEqual(first);
    expect(copy(new Featurizer(config).extract(prompt))).toEqual(first);
  });

  it('reads only the head and tail: the middle of a long prompt changes nothing', () => {
    const head = 'Summarize this report. '.repeat(100);
    const tail = ' What is the main risk?'.repeat(30);
    const a = `${head}${'alpha '.repeat(20_000)}${tail}`;
    const b = `${head}${'omega '.repeat(20_000)}${tail}`;
    const featurizer = new Featurizer(config);
    expect(a.length).toBe(b.length);
    expect(copy(featurizer.extract(a))).toEqual(copy(featurizer.extract(b)));
  });

  it('keeps every index inside the dims and the hashed part at unit L2 norm', () => {
    const x = new Featurizer(config).extract('How many apples are left if I eat 3 of 7? Explain.');
    const hashed = 2 ** config.hashBits;
    let norm = 0;
    for (let n = 0; n < x.length; n++) {
      const index = x.indices[n] ?? -1;
      expect(index).toBeGreaterThanOrEqual(0);
      expect(index).toBeLessThan(featureDims(config));
      if (index < hashed) norm += (x.values[n] ?? 0) ** 2;
    }
    expect(norm).toBeCloseTo(1, 5);
    expect(x.length).toBeGreaterThan(DENSE_FEATURES);
  });

  it('sees case and compatibility forms alike (lowercase, NFKC)', () => {
    const featurizer = new Featurizer(config);
    const plain = copy(featurizer.extract('find the file'));
    expect(copy(featurizer.extract('FIND THE FILE'))).toEqual(plain);
    expect(copy(featurizer.extract('\ufb01nd the \ufb01le'))).toEqual(plain);
  });
});

describe('promptWindow', () => {
  it.each([0, 10, 2500, 2501, 40_000])(
    'is at most head + tail + 1 chars for a %i-char prompt',
    (n) => {
      expect(promptWindow('x'.repeat(n), 2000, 500).length).toBeLessThanOrEqual(2501);
    },
  );
});

describe('hash', () => {
  it('steps FNV-1a over code units, one family seed apart', () => {
    let h = SEED_WORD;
    for (const c of 'code') h = fnvStep(h, c.charCodeAt(0));
    expect(hashString('code', SEED_WORD)).toBe(h);
    expect(hashString('code', SEED_CHAR)).not.toBe(h);
    // The FNV-1a 32-bit test vector for "a" (as int32).
    expect(hashString('a', SEED_WORD) >>> 0).toBe(0xe40c292c);
  });
});
