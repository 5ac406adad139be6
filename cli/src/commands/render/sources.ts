// The -f arguments of `sluice render`: files, or directories whose .yaml/.yml/.json files are read
// in name order (not recursively), as `kubectl apply -f <dir>` does.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SourceFile } from './manifests.js';

const MANIFEST = /\.(ya?ml|json)$/;

export async function readSources(paths: readonly string[]): Promise<SourceFile[]> {
  const files = await Promise.all(paths.map(expand));
  return Promise.all(
    files.flat().map(async (name) => ({ name, text: await readFile(name, 'utf8') })),
  );
}

async function expand(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && MANIFEST.test(e.name))
    .map((e) => join(path, e.name))
    .sort();
}
