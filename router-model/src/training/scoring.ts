import { Featurizer } from '../features/featurizer.js';
import type { FeatureConfig } from '../features/feature-config.js';
import { scoreInto, softmaxInto, type LinearModel } from '../model/linear-model.js';
import { buildDataset, rowOf, type Dataset } from './dataset.js';
import type { Example } from './examples.js';

/** A model's logits on a set of examples (row-major, `classes` per example) and their labels. */
export interface Scored {
  readonly classes: number;
  readonly logits: Float64Array;
  readonly labels: Uint8Array;
}

export function scoreDataset(model: LinearModel, data: Dataset): Scored {
  const k = model.classes;
  const logits = new Float64Array(data.rows * k);
  const out = new Float64Array(k);
  for (let i = 0; i < data.rows; i++) {
    scoreInto(model, rowOf(data, i), out);
    logits.set(out, i * k);
  }
  return { classes: k, logits, labels: data.labels };
}

export function scoreExamples(
  model: LinearModel,
  features: FeatureConfig,
  examples: readonly Example[],
): Scored {
  return scoreDataset(model, buildDataset(examples, new Featurizer(features)));
}

/** Calibrated probabilities at `temperature`, row-major like the logits. */
export function probabilitiesOf({ classes, logits }: Scored, temperature: number): Float64Array {
  const out = new Float64Array(logits.length);
  const row = new Float64Array(classes);
  for (let i = 0; i < logits.length; i += classes) {
    softmaxInto(logits.subarray(i, i + classes), temperature, row);
    out.set(row, i);
  }
  return out;
}

export function argmaxOf(probabilities: Float64Array, classes: number): Uint8Array {
  const out = new Uint8Array(probabilities.length / classes);
  for (let i = 0; i < out.length; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) {
      if ((probabilities[i * classes + c] ?? 0) > (probabilities[i * classes + best] ?? 0))
        best = c;
    }
    out[i] = best;
  }
  return out;
}

/** smallOk per example: sum over kinds of P(kind) x acceptance(kind). */
export function smallOksOf(
  probabilities: Float64Array,
  acceptance: readonly number[],
): Float64Array {
  const k = acceptance.length;
  const out = new Float64Array(probabilities.length / k);
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (let c = 0; c < k; c++) sum += (probabilities[i * k + c] ?? 0) * (acceptance[c] ?? 0);
    out[i] = sum;
  }
  return out;
}
