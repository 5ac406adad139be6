import type { SparseVector } from '../features/featurizer.js';
import type { LinearModel } from '../model/linear-model.js';
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
  epochs: 12,
  batchSize: 16,
  learningRate: 0.4,
  l2: 1e-6,
  seed: 20261207,
};

/**
 * Multinomial logistic regression by minibatch Adagrad over a seeded shuffle: the same data and
 * options give the same weights, bit for bit (one thread, fixed order, no Date or Math.random).
 */
export function trainSoftmax(data: Dataset, dims: number, classes: number, options = DEFAULT_SOFTMAX): LinearModel {
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
    this.sumSqW = new Float64Array(dims * classes);
    this.b = new Float64Array(classes);
    this.gradB = new Float64Array(classes);
    this.sumSqB = new Float64Array(classes);
    this.touched = new Int32Array(dims);
    this.marked = new Uint8Array(dims);
    this.p = new Float64Array(classes);
  }

  /** Adds one example's cross-entropy gradient (p - onehot) x^T to the minibatch's. */
  accumulate(x: SparseVector, label: number): void {
    this.probabilities(x);
    const k = this.classes;
    this.p[label] = (this.p[label] ?? 0) - 1;
    for (let c = 0; c < k; c++) this.gradB[c] = (this.gradB[c] ?? 0) + (this.p[c] ?? 0);
    for (let n = 0; n < x.length; n++) {
      const feature = x.indices[n] ?? 0;
      const v = x.values[n] ?? 0;
      if (this.marked[feature] === 0) {
        this.marked[feature] = 1;
        this.touched[this.nTouched++] = feature;
      }
      const row = feature * k;
      for (let c = 0; c < k; c++) this.gradW[row + c] = (this.gradW[row + c] ?? 0) + v * (this.p[c] ?? 0);
    }
  }

  /** One Adagrad step on the rows the minibatch touched, then clears its gradient. */
  step(batch: number): void {
    const k = this.classes;
    for (let t = 0; t < this.nTouched; t++) {
      const feature = this.touched[t] ?? 0;
      this.marked[feature] = 0;
      for (let i = feature * k; i < feature * k + k; i++) this.update(this.w, this.gradW, this.sumSqW, i, batch);
    }
    this.nTouched = 0;
    for (let c = 0; c < k; c++) this.update(this.b, this.gradB, this.sumSqB, c, batch);
  }

  private update(w: Float64Array, grad: Float64Array, sumSq: Float64Array, i: number, batch: number): void {
    const g = (grad[i] ?? 0) / batch + this.options.l2 * (w[i] ?? 0);
    grad[i] = 0;
    const s = (sumSq[i] ?? 0) + g * g;
    sumSq[i] = s;
    w[i] = (w[i] ?? 0) - (this.options.learningRate * g) / (Math.sqrt(s) + 1e-8);
  }

  private probabilities(x: SparseVector): void {
    const k = this.classes;
    const p = this.p;
    for (let c = 0; c < k; c++) p[c] = this.b[c] ?? 0;
    for (let n = 0; n < x.length; n++) {
      const row = (x.indices[n] ?? 0) * k;
      const v = x.values[n] ?? 0;
      for (let c = 0; c < k; c++) p[c] = (p[c] ?? 0) + v * (this.w[row + c] ?? 0);
    }
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, p[c] ?? 0);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += p[c] = Math.exp((p[c] ?? 0) - max);
    for (let c = 0; c < k; c++) p[c] = (p[c] ?? 0) / sum;
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
