import type { TaskKind } from './kinds.js';

/** What the router model says about one prompt. */
export interface Prediction {
  /** The most probable task kind. */
  readonly kind: TaskKind;
  /** P(kind | prompt) of that kind, calibrated. */
  readonly kindProbability: number;
  /** Calibrated probability that the small tier's answer is as good as the frontier's. */
  readonly smallOk: number;
  readonly probabilities: ReadonlyMap<TaskKind, number>;
}

/** A loaded artifact. predict() is pure, synchronous and bounded in time whatever the prompt size. */
export interface RouterModel {
  /** "router-model-<first 8 hex of the artifact's sha256>". */
  readonly version: string;
  predict(text: string): Prediction;
}
