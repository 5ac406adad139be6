import { reliability, type Reliability } from '../calibration/reliability.js';
import { meanNll } from '../calibration/temperature.js';
import type { Artifact } from '../model/artifact.js';
import type { Example } from './examples.js';
import {
  confusionMatrix,
  DEFAULT_THRESHOLDS,
  frontierCurve,
  frontierPoint,
  kindScores,
  macroF1,
  thresholdForRecall,
  tierAgreement,
  type FrontierPoint,
  type KindScore,
} from './metrics.js';
import { argmaxOf, probabilitiesOf, scoreExamples, smallOksOf, type Scored } from './scoring.js';

/** The bar: the frontier threshold is chosen to catch this share of needs-frontier prompts. */
export const FRONTIER_RECALL_TARGET = 0.9;

export interface CalibrationReport {
  readonly temperature: number;
  readonly nllBefore: number;
  readonly nllAfter: number;
  readonly before: Reliability;
  readonly after: Reliability;
}

export interface RouterEvaluation {
  readonly examples: number;
  readonly accuracy: number;
  readonly macroF1: number;
  readonly kinds: readonly KindScore[];
  readonly confusion: readonly (readonly number[])[];
  readonly tierAgreement: number;
  /** Frontier share and recall at the default thresholds (frontier below smallOk 0.3). */
  readonly atDefaults: FrontierPoint;
  readonly curve: readonly FrontierPoint[];
  /** Threshold chosen on the calibration split for the recall target, then measured on test. */
  readonly atTarget: FrontierPoint;
  readonly calibration: CalibrationReport;
}

/** The artifact on the test split; the only figure that reads calibration is the chosen threshold. */
export function evaluateArtifact(
  { header, model }: Artifact,
  examples: readonly Example[],
): RouterEvaluation {
  const test = scoreExamples(
    model,
    header.features,
    examples.filter((e) => e.split === 'test'),
  );
  const calibration = scoreExamples(
    model,
    header.features,
    examples.filter((e) => e.split === 'calibration'),
  );
  const threshold = thresholdForRecall(
    smallOksOf(probabilitiesOf(calibration, header.temperature), header.acceptance),
    calibration.labels,
    FRONTIER_RECALL_TARGET,
  );
  const probabilities = probabilitiesOf(test, header.temperature);
  const predicted = argmaxOf(probabilities, test.classes);
  const smallOks = smallOksOf(probabilities, header.acceptance);
  const confusion = confusionMatrix(test.labels, predicted, test.classes);
  const kinds = kindScores(confusion);
  return {
    examples: test.labels.length,
    accuracy:
      predicted.filter((p, i) => p === test.labels[i]).length / Math.max(1, predicted.length),
    macroF1: macroF1(kinds),
    kinds,
    confusion,
    tierAgreement: tierAgreement(smallOks, test.labels, DEFAULT_THRESHOLDS),
    atDefaults: frontierPoint(smallOks, test.labels, DEFAULT_THRESHOLDS.medium),
    curve: frontierCurve(smallOks, test.labels),
    atTarget: frontierPoint(smallOks, test.labels, threshold),
    calibration: calibrationReport(test, header.temperature),
  };
}

function calibrationReport(test: Scored, temperature: number): CalibrationReport {
  const at = (t: number) => {
    const probabilities = probabilitiesOf(test, t);
    const predicted = argmaxOf(probabilities, test.classes);
    const confidences = Array.from(predicted, (p, i) => probabilities[i * test.classes + p] ?? 0);
    return reliability(
      confidences,
      Array.from(predicted, (p, i) => p === test.labels[i]),
    );
  };
  return {
    temperature,
    nllBefore: meanNll(test.logits, test.labels, 1),
    nllAfter: meanNll(test.logits, test.labels, temperature),
    before: at(1),
    after: at(temperature),
  };
}
