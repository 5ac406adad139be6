import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the figures land: git-ignored, next to the benchmarks that wrote them. */
export const RESULTS_FILE = new URL('../results.json', import.meta.url);

export interface MachineFacts {
  readonly date: string;
  readonly node: string;
  readonly platform: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly freeMemoryGiB: number;
}

export function machineFacts(): MachineFacts {
  const all = cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: all.length,
    cpuModel: all[0]?.model ?? 'unknown',
    memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
    freeMemoryGiB: Number((freemem() / 2 ** 30).toFixed(1)),
  };
}

export { fmt, textTable as table } from '@sluice/common';

/** Milliseconds to 3 decimals (and ratios alike): more digits than that are noise. */
const toMicroseconds = (_key: string, value: unknown): unknown =>
  typeof value === 'number' && !Number.isInteger(value) ? Number(value.toFixed(3)) : value;

/** `part`: results-<part>.json beside results.json, for a bench run on its own (bench-economics). */
export function writeResults(results: object, part?: string): string {
  const path = fileURLToPath(
    part === undefined ? RESULTS_FILE : new URL(`../results-${part}.json`, import.meta.url),
  );
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(results, toMicroseconds, 2)}\n`);
  return path;
}
