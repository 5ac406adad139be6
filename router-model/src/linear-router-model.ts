import { Featurizer } from './features/featurizer.js';
import { isTaskKind, type TaskKind } from './kinds.js';
import { artifactVersion, decodeArtifact, type Artifact } from './model/artifact.js';
import { scoreInto, softmaxInto, type LinearModel } from './model/linear-model.js';
import type { Prediction, RouterModel } from './router-model.js';

/** A RouterModel over a decoded artifact. Buffers are reused: predict() is synchronous, never re-entered. */
class LinearRouterModel implements RouterModel {
  private readonly featurizer: Featurizer;
  private readonly model: LinearModel;
  private readonly kinds: readonly TaskKind[];
  private readonly acceptance: readonly number[];
  private readonly temperature: number;
  private readonly probabilities: Float64Array;

  constructor(
    readonly version: string,
    { header, model }: Artifact,
  ) {
    for (const kind of header.kinds) {
      if (!isTaskKind(kind))
        throw new Error(`Router model artifact names an unknown kind ${String(kind)}`);
    }
    this.featurizer = new Featurizer(header.features);
    this.model = model;
    this.kinds = header.kinds;
    this.acceptance = header.acceptance;
    this.temperature = header.temperature;
    this.probabilities = new Float64Array(header.kinds.length);
  }

  predict(text: string): Prediction {
    const p = this.probabilities;
    scoreInto(this.model, this.featurizer.extract(text), p);
    softmaxInto(p, this.temperature, p);
    let best = 0;
    let smallOk = 0;
    const probabilities = new Map<TaskKind, number>();
    for (let c = 0; c < p.length; c++) {
      const probability = p[c] ?? 0;
      if (probability > (p[best] ?? 0)) best = c;
      smallOk += probability * (this.acceptance[c] ?? 0);
      probabilities.set(this.kinds[c] as TaskKind, probability);
    }
    return {
      kind: this.kinds[best] as TaskKind,
      kindProbability: p[best] ?? 0,
      smallOk: Math.min(1, Math.max(0, smallOk)),
      probabilities,
    };
  }
}

/** A model from an artifact's bytes (router-model.bin); throws on a malformed one. */
export function loadRouterModel(bytes: Uint8Array): RouterModel {
  return new LinearRouterModel(artifactVersion(bytes), decodeArtifact(bytes));
}
