import type { LinearModel } from '../model/linear-model.js';
import { classSums, type Dataset } from './dataset.js';

/**
 * Multinomial naive Bayes over the same (TF, L2-normalized) vectors as fractional counts: its
 * log posterior is linear in x, so it ships in the same artifact as the softmax.
 */
export function trainNaiveBayes(
  data: Dataset,
  dims: number,
  classes: number,
  alpha = 0.01,
): LinearModel {
  const counts = classSums(data, dims, classes);
  const totals = new Float64Array(classes);
  counts.forEach((n, i) => (totals[i % classes] = (totals[i % classes] ?? 0) + n));
  const denominators = Float64Array.from(totals, (total) => Math.log(total + alpha * dims));
  const weights = Float32Array.from(
    counts,
    (n, i) => Math.log(n + alpha) - (denominators[i % classes] ?? 0),
  );
  const docs = new Float64Array(classes);
  data.labels.forEach((label) => (docs[label] = (docs[label] ?? 0) + 1));
  const bias = Float32Array.from(docs, (d) => Math.log((d + 1) / (data.rows + classes)));
  return { dims, classes, weights, bias };
}
