/**
 * The learned classifier as the engine sees it: structurally router-model's RouterModel
 * (router-model/src/router-model.ts), so the engine does not depend on the package and tests
 * pass a table of their own. Given to buildSnapshot (snapshot.ts) per policy: the built-in one,
 * or the policy's own from a ConfigMap (catalog/policy-router-model.ts).
 */
export interface ClassifierModel {
  /** "router-model-<8 hex>", in every learned decision's reason and in /metrics. */
  readonly version: string;
  /** Pure, synchronous and bounded in time whatever the text's length. */
  predict(text: string): ClassifierPrediction;
}

export interface ClassifierPrediction {
  /** The most probable task kind (router-model/README.md lists the eleven). */
  readonly kind: string;
  /** P(kind | prompt), calibrated. */
  readonly kindProbability: number;
  /** Calibrated probability that the small tier answers as well as the frontier, in [0, 1]. */
  readonly smallOk: number;
}

/** One classifier.thresholds entry: the tier answers from this smallOk percent up. */
export interface Threshold {
  readonly tier: string;
  readonly minSmallOkPercent: number;
}
