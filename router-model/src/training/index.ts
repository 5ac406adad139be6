export { parseExamples, SPLITS, type Example, type Split } from './examples.js';
export { evaluateArtifact, FRONTIER_RECALL_TARGET, type RouterEvaluation } from './evaluate.js';
export { belowFloors, type EvalFloors } from './floors.js';
export { compareCandidates } from './compare.js';
export { parseQuestions, routeByCategory, type CheckQuestion } from './mt-bench.js';
export { evaluationReport } from './report.js';
export { longPrompt, percentile, timePredict, type Timing } from './timing.js';
export {
  DEFAULT_TRAIN_OPTIONS,
  FAMILIES,
  trainRouterArtifact,
  trainRouterBytes,
  type Family,
  type TrainOptions,
} from './train-router.js';
export {
  artifactVersion,
  decodeArtifact,
  encodeArtifact,
  type Artifact,
} from '../model/artifact.js';
export { MAX_HASH_BITS } from '../model/artifact-header.js';
export {
  concatPredictions,
  evaluateOnSet,
  overlapsWith,
  parseCheckPrompts,
  predictSet,
  setFigures,
  setBelowFloors,
  setReport,
  type CheckPrompt,
  type Miss,
  type SetFigures,
  type SetFloors,
  type SetPredictions,
} from './labelled-set.js';
export { foldOf, GROUP_FOLDS, groupKeyOf, holdOutGroups } from './task-groups.js';
export { evaluateUnseenTasks, type UnseenTasks } from './unseen-tasks.js';
