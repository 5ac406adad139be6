// The figures' format of api/bench (@sluice/common's table and 3 significant digits), and where
// this bench writes its results.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export { fmt, textTable as table } from '@sluice/common';

export const machine = (): string =>
  `${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}, node ${process.version}`;

/** Git-ignored, next to the bench: operator/bench/results.json. */
export function writeResults(results: object): string {
  const path = fileURLToPath(new URL('../results.json', import.meta.url));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
  return path;
}
