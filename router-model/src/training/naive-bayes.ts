import type { LinearModel } from '../model/linear-model.js';
import type { Dataset } from './dataset.js';

/**
 * Multinomial naive Bayes over the same (TF, L2-normalized) vectors as fractional counts: its
 * log posterior is linear in x, so it ships in the same artifact as the softmax.
 */
export function trainNaiveBayes(data: Dataset, dims: number, classes: number, alpha = 0.01): LinearModel {
  const counts = new Float64Array(dims * classes);
  const totals = new Float64Array(classes);
  const docs = new Float64Array(classes);
  for (let i = 0; i < data.rows; i++) {
    const label = data.labels[i] ?? 0;
    docs[label] = (docs[label] ?? 0) + 1;
    for (let n = data.indptr[i] ?? 0; n < (data.indptr[i + 1] ?? 0); n++) {
      const v = data.values[n] ?? 0;
      const at = (data.indices[n] ?? 0) * classes + label;
      counts[at] = (counts[at] ?? 0) + v;
      totals[label] = (totals[label] ?? 0) + v;
    }
  }
  const weights = new Float32Array(dims * classes);
  for (let c = 0; c < classes; c++) {
    const denominator = Math.log((totals[c] ?? 0) + alpha * dims);
    for (let f = 0; f < dims; f++) weights[f * classes + c] = Math.log((counts[f * classes + c] ?? 0) + alpha) - denominator;
  }
  const bias = Float32Array.from(docs, (d) => Math.log((d + 1) / (data.rows + classes)));
  return { dims, classes, weights, bias };
}
