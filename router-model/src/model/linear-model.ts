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
  const k = model.classes;
  const w = model.weights;
  for (let c = 0; c < k; c++) out[c] = model.bias[c] ?? 0;
  for (let n = 0; n < x.length; n++) addRow(out, w, (x.indices[n] ?? 0) * k, x.values[n] ?? 0);
}

/** out[c] += scale * weights[row + c] for each class c (out holds one score per class). */
function addRow(out: Float64Array, weights: Float32Array, row: number, scale: number): void {
  for (let c = 0; c < out.length; c++) out[c] = (out[c] ?? 0) + scale * (weights[row + c] ?? 0);
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
