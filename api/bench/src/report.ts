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

/** A plain text table: first row is the header, columns right-aligned but the first. */
export function table(rows: ReadonlyArray<readonly string[]>): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  const line = (row: readonly string[]) =>
    row
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  ');
  const [header, ...body] = rows;
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [header ? line(header) : '', rule, ...body.map(line)].join('\n');
}

/** Numbers for people: 3 significant digits, no exponent. */
export function fmt(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return '-';
  if (Math.abs(value) >= 10 ** digits) return Math.round(value).toString();
  return Number(value.toPrecision(digits)).toString();
}

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
