import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const SLUICE_CLI = join(ROOT, 'cli', 'bin', 'sluice.js');
export const API_MAIN = join(ROOT, 'api', 'dist', 'main.js');

/** e2e tests run what a user runs: the built packages. */
export function requireBuilt(file: string): string {
  if (!existsSync(file))
    throw new Error(`${file} is missing: run 'make build' (make e2e does) first`);
  return file;
}

export { freePort } from '@sluice/common';

/** A child process whose whole output is kept, with waits on what it prints and on its exit. */
export class Proc {
  readonly child: ChildProcessWithoutNullStreams;
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(args: string[], env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env } });
    this.child.stdout.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
  }

  /** Resolves when stdout contains `text`; rejects if the process exits first. */
  async waitFor(text: string): Promise<void> {
    while (!this.stdout.includes(text)) {
      if (this.child.exitCode !== null) {
        throw new Error(
          `exited (${this.child.exitCode}) before printing "${text}":\n${this.stdout}\n${this.stderr}`,
        );
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Runs a command to completion. */
export async function run(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const proc = new Proc(args, env);
  const { code } = await proc.exited;
  return { code, stdout: proc.stdout, stderr: proc.stderr };
}
