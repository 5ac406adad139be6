import type { Example } from './examples.js';
import { evaluateOnSet, type SetFigures } from './labelled-set.js';
import { holdOutGroups, HELD_OUT_GROUP_SHARE } from './task-groups.js';
import { DEFAULT_TRAIN_OPTIONS, trainRouterArtifact } from './train-router.js';

export interface UnseenTasks extends SetFigures {
  readonly heldOutGroups: number;
  readonly keptGroups: number;
  readonly trainExamples: number;
}

/**
 * The shipped training code and settings on the kept groups' train (and calibration) examples,
 * measured on every example of the held-out groups: how the router does on a task or template it
 * never saw. Evaluation only: the shipped artifact is trained on all groups.
 */
export function evaluateUnseenTasks(
  examples: readonly Example[],
  options = DEFAULT_TRAIN_OPTIONS,
  share = HELD_OUT_GROUP_SHARE,
): UnseenTasks {
  const holdout = holdOutGroups(examples, share);
  const artifact = trainRouterArtifact(holdout.kept, options);
  return {
    ...evaluateOnSet(artifact, holdout.heldOut),
    heldOutGroups: holdout.heldOutGroups,
    keptGroups: holdout.keptGroups,
    trainExamples: holdout.kept.filter((e) => e.split === 'train').length,
  };
}
