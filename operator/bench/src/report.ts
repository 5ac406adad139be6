// The figures' format of api/bench/src/report.ts (a plain table, 3 significant digits), kept
// beside this bench because the two benches compile apart (each its own rootDir).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

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

export const machine = (): string =>
  `${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}, node ${process.version}`;

/** Git-ignored, next to the bench: operator/bench/results.json. */
export function writeResults(results: object): string {
  const path = fileURLToPath(new URL('../results.json', import.meta.url));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
  return path;
}
