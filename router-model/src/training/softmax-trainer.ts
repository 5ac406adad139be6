import type { SparseVector } from '../features/featurizer.js';
import { softmaxInto, type LinearModel } from '../model/linear-model.js';
import { rowOf, type Dataset } from './dataset.js';
import { mulberry32, shuffle } from './prng.js';

export interface SoftmaxOptions {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** L2 penalty, applied to the rows a minibatch touches (lazy, as sparse SGD does). */
  readonly l2: number;
  readonly seed: number;
}

export const DEFAULT_SOFTMAX: SoftmaxOptions = {
  epochs: 6,
  batchSize: 16,
  learningRate: 0.4,
  l2: 1e-6,
  seed: 20261207,
};

/**
 * Multinomial logistic regression by minibatch Adagrad over a seeded shuffle: the same data and
 * options give the same weights, bit for bit (one thread, fixed order, no Date or Math.random).
 */
export function trainSoftmax(
  data: Dataset,
  dims: number,
  classes: number,
  options = DEFAULT_SOFTMAX,
): LinearModel {
  const trainer = new SoftmaxTrainer(dims, classes, options);
  const order = Int32Array.from({ length: data.rows }, (_, i) => i);
  const random = mulberry32(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    for (let start = 0; start < data.rows; start += options.batchSize) {
      const end = Math.min(data.rows, start + options.batchSize);
      for (let i = start; i < end; i++) {
        const row = order[i] ?? 0;
        trainer.accumulate(rowOf(data, row), data.labels[row] ?? 0);
      }
      trainer.step(end - start);
    }
  }
  return trainer.model();
}

class SoftmaxTrainer {
  private readonly w: Float64Array;
  private readonly b: Float64Array;
  private readonly gradW: Float64Array;
  private readonly gradB: Float64Array;
  private readonly sumSqW: Float64Array;
  private readonly sumSqB: Float64Array;
  private readonly touched: Int32Array;
  private readonly marked: Uint8Array;
  private readonly p: Float64Array;
  private nTouched = 0;

  constructor(
    private readonly dims: number,
    private readonly classes: number,
    private readonly options: SoftmaxOptions,
  ) {
    this.w = new Float64Array(dims * classes);
    this.gradW = new Float64Array(dims * classes);
    this.sumSqW = new Float64Array(dims);
    this.b = new Float64Array(classes);
    this.gradB = new Float64Array(classes);
    this.sumSqB = new Float64Array(classes);
    this.touched = new Int32Array(dims);
    this.marked = new Uint8Array(dims);
    this.p = new Float64Array(classes);
  }

  /** Adds one example's cross-entropy gradient (p - onehot) x^T to the minibatch's. */
  accumulate(x: SparseVector, label: number): void {
    const { p, gradW, gradB } = this;
    const k = this.classes;
    this.probabilities(x);
    p[label] = (p[label] ?? 0) - 1;
    addScaled(gradB, 0, p, 1);
    for (let n = 0; n < x.length; n++) {
      const feature = x.indices[n] ?? 0;
      this.touch(feature);
      addScaled(gradW, feature * k, p, x.values[n] ?? 0);
    }
  }

  private touch(feature: number): void {
    if (this.marked[feature] !== 0) return;
    this.marked[feature] = 1;
    this.touched[this.nTouched++] = feature;
  }

  /**
   * One row-wise Adagrad step (one squared-gradient sum per feature row, as DLRM does for
   * embeddings: a sqrt per row, not per weight) on the rows the minibatch touched; clears them.
   */
  step(batch: number): void {
    for (let t = 0; t < this.nTouched; t++) {
      const feature = this.touched[t] ?? 0;
      this.marked[feature] = 0;
      this.stepRow(feature, batch);
    }
    this.nTouched = 0;
    this.stepBias(batch);
  }

  private stepRow(feature: number, batch: number): void {
    const { w, gradW: grad } = this;
    const k = this.classes;
    const { l2, learningRate } = this.options;
    const row = feature * k;
    let squares = 0;
    for (let i = row; i < row + k; i++) {
      const g = (grad[i] ?? 0) / batch + l2 * (w[i] ?? 0);
      grad[i] = g;
      squares += g * g;
    }
    const sum = (this.sumSqW[feature] ?? 0) + squares / k;
    this.sumSqW[feature] = sum;
    const rate = learningRate / (Math.sqrt(sum) + 1e-8);
    for (let i = row; i < row + k; i++) {
      w[i] = (w[i] ?? 0) - rate * (grad[i] ?? 0);
      grad[i] = 0;
    }
  }

  private stepBias(batch: number): void {
    const { b, gradB, sumSqB } = this;
    for (let c = 0; c < this.classes; c++) {
      const g = (gradB[c] ?? 0) / batch;
      gradB[c] = 0;
      sumSqB[c] = (sumSqB[c] ?? 0) + g * g;
      b[c] = (b[c] ?? 0) - (this.options.learningRate * g) / (Math.sqrt(sumSqB[c] ?? 0) + 1e-8);
    }
  }

  private probabilities(x: SparseVector): void {
    const { p, w } = this;
    const k = this.classes;
    p.set(this.b);
    for (let n = 0; n < x.length; n++) addRow(p, w, (x.indices[n] ?? 0) * k, x.values[n] ?? 0);
    softmaxInto(p, 1, p);
  }

  model(): LinearModel {
    return {
      dims: this.dims,
      classes: this.classes,
      weights: Float32Array.from(this.w),
      bias: Float32Array.from(this.b),
    };
  }
}

/** target[offset + c] += scale * source[c] for each c of source. */
function addScaled(
  target: Float64Array,
  offset: number,
  source: Float64Array,
  scale: number,
): void {
  for (let c = 0; c < source.length; c++)
    target[offset + c] = (target[offset + c] ?? 0) + scale * (source[c] ?? 0);
}

/** out[c] += scale * weights[row + c] for every class c. */
function addRow(out: Float64Array, weights: Float64Array, row: number, scale: number): void {
  for (let c = 0; c < out.length; c++) out[c] = (out[c] ?? 0) + scale * (weights[row + c] ?? 0);
}
