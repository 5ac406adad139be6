import type { LinearModel } from '../model/linear-model.js';
import { classSums, type Dataset } from './dataset.js';

/**
 * Nearest centroid: each kind's mean vector, L2-normalized; the score is the cosine with it (the
 * temperature fitted afterwards turns cosines into probabilities). The cheapest exemplar model.
 */
export function trainCentroid(data: Dataset, dims: number, classes: number): LinearModel {
  const sums = classSums(data, dims, classes);
  const norms = new Float64Array(classes);
  sums.forEach((s, i) => (norms[i % classes] = (norms[i % classes] ?? 0) + s * s));
  const weights = Float32Array.from(sums, (s, i) => {
    const norm = Math.sqrt(norms[i % classes] ?? 0);
    return norm > 0 ? s / norm : 0;
  });
  return { dims, classes, weights, bias: new Float32Array(classes) };
}
