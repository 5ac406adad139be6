export {
  DEFAULT_FEATURE_CONFIG,
  DENSE_FEATURES,
  featureDims,
  type FeatureConfig,
} from './feature-config.js';
export { Featurizer, type SparseVector } from './featurizer.js';
export { promptWindow } from './prompt-window.js';
