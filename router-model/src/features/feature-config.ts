/** How a prompt becomes a vector. Stored in the artifact's header: a model is read with its own. */
export interface FeatureConfig {
  /** Hashed features land in 2^hashBits buckets. */
  readonly hashBits: number;
  /** Character n-grams of these lengths (inclusive), across word boundaries: code reads as `();`. */
  readonly charNgramMin: number;
  readonly charNgramMax: number;
  /** Characters read from the prompt's start and end; the middle is skipped (time stays bounded). */
  readonly headChars: number;
  readonly tailChars: number;
}

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = {
  hashBits: 15,
  charNgramMin: 4,
  charNgramMax: 4,
  headChars: 2000,
  tailChars: 500,
};

/** Dense features after the hashed buckets (dense-features.ts says what each is). */
export const DENSE_FEATURES = 11;

export const featureDims = (config: FeatureConfig): number => 2 ** config.hashBits + DENSE_FEATURES;
