import type { LinearModel } from '../model/linear-model.js';
import type { Dataset } from './dataset.js';

/**
 * Nearest centroid: each kind's mean vector, L2-normalized; the score is the cosine with it (the
 * temperature fitted afterwards turns cosines into probabilities). The cheapest exemplar model.
 */
export function trainCentroid(data: Dataset, dims: number, classes: number): LinearModel {
  const sums = new Float64Array(dims * classes);
  for (let i = 0; i < data.rows; i++) {
    const label = data.labels[i] ?? 0;
    for (let n = data.indptr[i] ?? 0; n < (data.indptr[i + 1] ?? 0); n++) {
      const at = (data.indices[n] ?? 0) * classes + label;
      sums[at] = (sums[at] ?? 0) + (data.values[n] ?? 0);
    }
  }
  const norms = new Float64Array(classes);
  for (let i = 0; i < sums.length; i++) norms[i % classes] = (norms[i % classes] ?? 0) + (sums[i] ?? 0) ** 2;
  const weights = Float32Array.from(sums, (s, i) => {
    const norm = Math.sqrt(norms[i % classes] ?? 0);
    return norm > 0 ? s / norm : 0;
  });
  return { dims, classes, weights, bias: new Float32Array(classes) };
}
