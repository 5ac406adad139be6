// make eval-router: the committed artifact on the held-out test split, then on the hand-written
// clear-cut set, then a model trained without ~20% of the source tasks on those tasks; exits 1 when
// a figure is under its floor in eval-floors.json. MT-Bench's questions, if vendored, are only
// printed.
import { existsSync, readFileSync } from 'node:fs';
import { loadDefaultRouterModel } from '../dist/index.js';
import {
  belowFloors,
  decodeArtifact,
  evaluateArtifact,
  evaluateOnSet,
  evaluateUnseenTasks,
  evaluationReport,
  overlapsWith,
  longPrompt,
  parseCheckPrompts,
  parseExamples,
  parseQuestions,
  routeByCategory,
  setBelowFloors,
  setReport,
  timePredict,
} from '../dist/training/index.js';

const here = (path) => new URL(path, import.meta.url);
const artifact = decodeArtifact(readFileSync(here('../artifacts/router-model.bin')));
const model = loadDefaultRouterModel();
const examples = parseExamples(readFileSync(here('../data/examples.jsonl'), 'utf8'));
const evaluation = evaluateArtifact(artifact, examples);
console.log(`${model.version} (${artifact.header.family}) on data/examples.jsonl\n`);
console.log(evaluationReport(evaluation));

const long = longPrompt(32_000);
const timing = timePredict(model, [long, long, long, long], 250);
console.log(
  `\npredict() on a 32k-char prompt: p50 ${timing.p50Us.toFixed(1)} us, p99 ${timing.p99Us.toFixed(1)} us`,
);

const questions = here('../checks/mt-bench/questions.jsonl');
if (existsSync(questions)) {
  console.log('\nMT-Bench questions (independent check, never trained on), default thresholds:');
  console.log(routeByCategory(model, parseQuestions(readFileSync(questions, 'utf8'))));
}

// The test split shares its source templates and tasks with train: it measures recognition of
// seen phrasing. These two measure new phrasing (README "Figures").
const clearCutPrompts = parseCheckPrompts(
  readFileSync(here('../checks/clear-cut/prompts.jsonl'), 'utf8'),
);
const clearCut = evaluateOnSet(artifact, clearCutPrompts);
const overlapping = overlapsWith(clearCutPrompts, examples);
console.log(`\nClear-cut hand-written set (checks/clear-cut, never trained on), ${model.version}:`);
console.log(setReport(clearCut, true));

const unseen = evaluateUnseenTasks(examples);
console.log(
  `\nUnseen tasks: the ${unseen.groups} source tasks/templates in ${unseen.folds} folds by a hash of each; ` +
    `each fold scored by the same training on the other folds' train split ` +
    `(per-fold accuracy ${unseen.foldAccuracies.map((a) => a.toFixed(3)).join(', ')}), pooled:`,
);
console.log(setReport(unseen, false));

const floors = JSON.parse(readFileSync(here('../eval-floors.json'), 'utf8'));
const failures = [
  ...belowFloors(evaluation, floors),
  ...setBelowFloors('clearCut', clearCut, floors.clearCut),
  ...setBelowFloors('unseenTasks', unseen, floors.unseenTasks),
  ...overlapping.map((id) => `clear-cut prompt ${id} is also in data/examples.jsonl`),
];
if (failures.length > 0) {
  console.error(`\nUnder the floors in router-model/eval-floors.json:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('\nEvery figure is at or above its floor (router-model/eval-floors.json).');
