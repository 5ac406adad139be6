import type { SparseVector } from '../features/featurizer.js';

/**
 * Every candidate family here ends as one: scores = W x + b, then a softmax at a temperature.
 * Logistic regression learns W; naive Bayes's W is its log likelihoods, a centroid model's its
 * class means. Weights are feature-major (row = feature, `classes` columns) so each active
 * feature reads one contiguous row.
 */
export interface LinearModel {
  readonly dims: number;
  readonly classes: number;
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

export function scoreInto(model: LinearModel, x: SparseVector, out: Float64Array): void {
  if (model.classes === ELEVEN) return scoreEleven(model, x, out);
  const k = model.classes;
  const w = model.weights;
  for (let c = 0; c < k; c++) out[c] = model.bias[c] ?? 0;
  for (let n = 0; n < x.length; n++) addRow(out, w, (x.indices[n] ?? 0) * k, x.values[n] ?? 0);
}

/** out[c] += scale * weights[row + c] for each class c (out holds one score per class). */
function addRow(out: Float64Array, weights: Float32Array, row: number, scale: number): void {
  for (let c = 0; c < out.length; c++) out[c] = (out[c] ?? 0) + scale * (weights[row + c] ?? 0);
}

const ELEVEN = 11;

/**
 * scoreInto for the eleven task kinds, with the sums in locals: V8 keeps them in registers,
 * where the generic loop loads and stores out[c] per feature. Measured twice as fast, and this
 * loop is most of predict()'s time on a long prompt. Indices are in range by construction (the
 * featurizer masks them into dims), hence the non-null assertions: `?? 0` here costs a branch each.
 */
function scoreEleven({ weights: w, bias }: LinearModel, x: SparseVector, out: Float64Array): void {
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0,
    s4 = 0,
    s5 = 0,
    s6 = 0,
    s7 = 0,
    s8 = 0,
    s9 = 0,
    s10 = 0;
  const { indices, values } = x;
  for (let n = 0; n < x.length; n++) {
    const r = indices[n]! * ELEVEN;
    const v = values[n]!;
    s0 += v * w[r]!;
    s1 += v * w[r + 1]!;
    s2 += v * w[r + 2]!;
    s3 += v * w[r + 3]!;
    s4 += v * w[r + 4]!;
    s5 += v * w[r + 5]!;
    s6 += v * w[r + 6]!;
    s7 += v * w[r + 7]!;
    s8 += v * w[r + 8]!;
    s9 += v * w[r + 9]!;
    s10 += v * w[r + 10]!;
  }
  const sums = [s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10];
  for (let c = 0; c < ELEVEN; c++) out[c] = (bias[c] ?? 0) + (sums[c] ?? 0);
}

/** Softmax of scores / temperature into `out`, in place allowed. */
export function softmaxInto(scores: Float64Array, temperature: number, out: Float64Array): void {
  let max = -Infinity;
  for (let c = 0; c < scores.length; c++) max = Math.max(max, (scores[c] ?? 0) / temperature);
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    const e = Math.exp((scores[c] ?? 0) / temperature - max);
    out[c] = e;
    sum += e;
  }
  for (let c = 0; c < scores.length; c++) out[c] = (out[c] ?? 0) / sum;
}
