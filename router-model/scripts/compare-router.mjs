// The candidate families on the same splits (README "Candidates"): node router-model/scripts/compare-router.mjs
import { readFileSync } from 'node:fs';
import { compareCandidates, parseExamples } from '../dist/training/index.js';

const examples = parseExamples(
  readFileSync(new URL('../data/examples.jsonl', import.meta.url), 'utf8'),
);
console.log(compareCandidates(examples));
