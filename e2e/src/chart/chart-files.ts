// The chart as files on disk: what `helm install sluice charts/sluice` reads.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Values } from './values.js';

/** charts/sluice, from e2e/src/chart (tests) and e2e/dist/chart (built) alike. */
export const CHART_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'charts',
  'sluice',
);

export const readChartFile = (path: string): string => readFileSync(join(CHART_DIR, path), 'utf8');

export const readValuesFile = (path: string): Values =>
  (parse(readChartFile(path)) ?? {}) as Values;

export const readSchema = (): object => JSON.parse(readChartFile('values.schema.json')) as object;

/** templates/ file names: manifests (*.yaml), helpers (_*.tpl) and NOTES.txt. */
export const templateFiles = (): string[] => readdirSync(join(CHART_DIR, 'templates')).sort();

/** The example overrides `ct lint` would install the chart with: ci/*-values.yaml. */
export const ciValueFiles = (): string[] =>
  readdirSync(join(CHART_DIR, 'ci'))
    .filter((file) => file.endsWith('-values.yaml'))
    .sort()
    .map((file) => join('ci', file));
