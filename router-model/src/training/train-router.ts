import { fitTemperature } from '../calibration/temperature.js';
import { Featurizer } from '../features/featurizer.js';
import {
  DEFAULT_FEATURE_CONFIG,
  featureDims,
  type FeatureConfig,
} from '../features/feature-config.js';
import { KIND_PROFILES, TASK_KINDS } from '../kinds.js';
import { encodeArtifact, FORMAT_VERSION, type Artifact } from '../model/artifact.js';
import type { LinearModel } from '../model/linear-model.js';
import { trainCentroid } from './centroid.js';
import { buildDataset, type Dataset } from './dataset.js';
import type { Example } from './examples.js';
import { trainNaiveBayes } from './naive-bayes.js';
import { scoreDataset } from './scoring.js';
import { DEFAULT_SOFTMAX, trainSoftmax, type SoftmaxOptions } from './softmax-trainer.js';

export const FAMILIES = ['softmax', 'naive-bayes', 'centroid'] as const;
export type Family = (typeof FAMILIES)[number];

export interface TrainOptions {
  readonly family: Family;
  readonly features: FeatureConfig;
  readonly softmax: SoftmaxOptions;
}

/** What make train-router ships: chosen by the comparison in README.md "Candidates". */
export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  family: 'softmax',
  features: DEFAULT_FEATURE_CONFIG,
  softmax: DEFAULT_SOFTMAX,
};

function fit(family: Family, data: Dataset, dims: number, options: TrainOptions): LinearModel {
  const classes = TASK_KINDS.length;
  if (family === 'naive-bayes') return trainNaiveBayes(data, dims, classes);
  if (family === 'centroid') return trainCentroid(data, dims, classes);
  return trainSoftmax(data, dims, classes, options.softmax);
}

/**
 * Fits the family on the train split and its temperature on the calibration split; never reads
 * the test split. Same examples and options, same artifact bytes.
 */
export function trainRouterArtifact(
  examples: readonly Example[],
  options = DEFAULT_TRAIN_OPTIONS,
): Artifact {
  const featurizer = new Featurizer(options.features);
  const dims = featureDims(options.features);
  const train = buildDataset(
    examples.filter((e) => e.split === 'train'),
    featurizer,
  );
  const model = fit(options.family, train, dims, options);
  const calibration = scoreDataset(
    model,
    buildDataset(
      examples.filter((e) => e.split === 'calibration'),
      featurizer,
    ),
  );
  const temperature =
    calibration.labels.length > 0 ? fitTemperature(calibration.logits, calibration.labels) : 1;
  const header = {
    format: FORMAT_VERSION,
    family: options.family,
    kinds: TASK_KINDS,
    acceptance: TASK_KINDS.map((kind) => KIND_PROFILES[kind].acceptance),
    features: options.features,
    temperature,
    dims,
  } as const;
  return { header, model };
}

export function trainRouterBytes(
  examples: readonly Example[],
  options = DEFAULT_TRAIN_OPTIONS,
): Uint8Array {
  return encodeArtifact(trainRouterArtifact(examples, options));
}
