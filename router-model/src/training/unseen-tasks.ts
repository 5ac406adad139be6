import type { Example } from './examples.js';
import {
  concatPredictions,
  predictSet,
  setFigures,
  type SetFigures,
  type SetPredictions,
} from './labelled-set.js';
import { GROUP_FOLDS, holdOutGroups } from './task-groups.js';
import { DEFAULT_TRAIN_OPTIONS, trainRouterArtifact } from './train-router.js';

export interface UnseenTasks extends SetFigures {
  readonly folds: number;
  readonly groups: number;
  /** Kind accuracy of each fold's model on its own held-out groups: the spread one fold hides. */
  readonly foldAccuracies: readonly number[];
}

/**
 * For each fold, the shipped training code and settings on the other groups' train (and
 * calibration) examples, measured on every example of the fold's groups; the figures pool the
 * folds, so each example is scored once by a model that never saw its task or template.
 * Evaluation only: the shipped artifact is trained on all groups.
 */
export function evaluateUnseenTasks(
  examples: readonly Example[],
  options = DEFAULT_TRAIN_OPTIONS,
  folds = GROUP_FOLDS,
): UnseenTasks {
  const parts: SetPredictions[] = [];
  let groups = 0;
  for (let fold = 0; fold < folds; fold++) {
    const holdout = holdOutGroups(examples, fold, folds);
    groups += holdout.heldOutGroups;
    if (holdout.heldOut.length === 0) continue;
    parts.push(predictSet(trainRouterArtifact(holdout.kept, options), holdout.heldOut));
  }
  return {
    ...setFigures(concatPredictions(parts)),
    folds,
    groups,
    foldAccuracies: parts.map((p) => setFigures(p).accuracy),
  };
}
