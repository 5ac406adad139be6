import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The pid on the first line of `file`, if it holds one. */
export function pidIn(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The pid in `file` when it names a live process whose command line contains `command`: a pid
 * file left by a killed run may name anything after a reboot.
 */
export function livePid(file: string, command: string): number | undefined {
  const pid = pidIn(file);
  if (pid === undefined) return undefined;
  const ps = spawnSync('ps', ['-p', String(pid), '-o', 'args=', '-ww'], { encoding: 'utf8' });
  return ps.stdout?.includes(command) ? pid : undefined;
}
