import type { SparseVector } from '../features/featurizer.js';
import { mulberry32 } from '../training/prng.js';
import { scoreInto, softmaxInto, type LinearModel } from './linear-model.js';

function randomModel(classes: number, dims: number, seed: number): LinearModel {
  const random = mulberry32(seed);
  return {
    dims,
    classes,
    weights: Float32Array.from({ length: dims * classes }, () => random() - 0.5),
    bias: Float32Array.from({ length: classes }, () => random() - 0.5),
  };
}

/** W x + b the slow, obvious way. */
function naiveScores(model: LinearModel, x: SparseVector): number[] {
  return Array.from({ length: model.classes }, (_, c) => {
    let sum = model.bias[c] ?? 0;
    for (let n = 0; n < x.length; n++) {
      sum += (x.values[n] ?? 0) * (model.weights[(x.indices[n] ?? 0) * model.classes + c] ?? 0);
    }
    return sum;
  });
}

describe('scoreInto', () => {
  const x: SparseVector = {
    indices: Int32Array.from([0, 7, 3, 63]),
    values: Float32Array.from([0.5, -1, 0.25, 2]),
    length: 4,
  };

  it.each([11, 3])(
    'equals W x + b for %i classes (the unrolled eleven and the generic loop)',
    (classes) => {
      const model = randomModel(classes, 64, classes);
      const out = new Float64Array(classes);
      scoreInto(model, x, out);
      naiveScores(model, x).forEach((expected, c) => expect(out[c]).toBeCloseTo(expected, 10));
    },
  );
});

describe('softmaxInto', () => {
  it('sums to 1, keeps the order, and sharpens as the temperature falls', () => {
    const scores = Float64Array.from([1, 2, 3]);
    const warm = new Float64Array(3);
    const cold = new Float64Array(3);
    softmaxInto(scores, 1, warm);
    softmaxInto(scores, 0.5, cold);
    expect(warm.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
    expect(warm[2]).toBeGreaterThan(warm[1] ?? 1);
    expect(cold[2]).toBeGreaterThan(warm[2] ?? 1);
  });
});
