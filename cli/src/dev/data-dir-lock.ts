import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LOCK_FILE = 'dev.pid';

const pidIn = (file: string): number | undefined => {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
};

/** The pid in `file` when it names another live `sluice dev` (after a reboot it may name anything). */
function liveHolder(file: string): number | undefined {
  const pid = pidIn(file);
  if (pid === undefined || pid === process.pid) return undefined;
  const ps = spawnSync('ps', ['-p', String(pid), '-o', 'args='], { encoding: 'utf8' });
  return ps.stdout?.includes('sluice') ? pid : undefined;
}

/**
 * One `sluice dev` per data directory. A second one would take the first one's PostgreSQL and
 * Redis for orphans of a killed run and stop them under it (`make run` in two terminals). A lock
 * left by a killed run names a dead pid and is taken over. Returns the release.
 */
export function lockDataDir(dir: string): () => void {
  const file = join(dir, LOCK_FILE);
  const holder = liveHolder(file);
  if (holder !== undefined)
    throw new Error(
      `sluice dev is already running on ${dir} (pid ${holder}): stop it first (Ctrl-C in its ` +
        'terminal), or give this one its own SLUICE_DATA_DIR, EMBEDDED_POSTGRES_PORT, ' +
        'API_GRPC_ADDR and API_HTTP_ADDR',
    );
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, `${process.pid}\n`);
  return () => {
    if (pidIn(file) === process.pid) unlinkSync(file);
  };
}
