// make train-router: data/examples.jsonl -> artifacts/router-model.bin (or the path given), the
// same bytes every run. Reads the built package (make build first).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { artifactVersion, parseExamples, trainRouterBytes } from '../dist/training/index.js';

const here = (path) => new URL(path, import.meta.url);
const out = process.argv[2] ?? fileURLToPath(here('../artifacts/router-model.bin'));
const started = process.hrtime.bigint();
const bytes = trainRouterBytes(parseExamples(readFileSync(here('../data/examples.jsonl'), 'utf8')));
writeFileSync(out, bytes);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(
  `Trained ${artifactVersion(bytes)}: ${bytes.length} bytes in ${seconds.toFixed(1)} s -> ${out}`,
);
