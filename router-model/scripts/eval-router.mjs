// make eval-router: the committed artifact on the held-out test split; exits 1 when a figure is
// under its floor in eval-floors.json. MT-Bench's questions, if vendored, are only printed.
import { existsSync, readFileSync } from 'node:fs';
import { loadDefaultRouterModel } from '../dist/index.js';
import {
  belowFloors,
  decodeArtifact,
  evaluateArtifact,
  evaluationReport,
  longPrompt,
  parseExamples,
  parseQuestions,
  routeByCategory,
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

const floors = JSON.parse(readFileSync(here('../eval-floors.json'), 'utf8'));
const failures = belowFloors(evaluation, floors);
if (failures.length > 0) {
  console.error(`\nUnder the floors in router-model/eval-floors.json:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('\nEvery figure is at or above its floor (router-model/eval-floors.json).');
