import { mkdirSync, readFileSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { livePid, pidIn } from './pid-file.js';

const LOCK_FILE = 'dev.pid';
/** How often a running sluice dev touches its lock: a killed one was alive at most this before. */
export const HEARTBEAT_MS = 15_000;

export interface DataDirLock {
  /**
   * When the run before this one was last seen alive, if it was killed instead of stopped and
   * ran a local world (its models died with it), as this one does.
   */
  readonly previousRunEndedAt: Date | undefined;
  release(): void;
}

/** Whether the lock says its run had its own local world (second line `local`). */
const wasLocal = (file: string): boolean => {
  try {
    return readFileSync(file, 'utf8').split('\n')[1] === 'local';
  } catch {
    return false;
  }
};

/** The pid in `file` when it names another live `sluice dev`. */
function liveHolder(file: string): number | undefined {
  const pid = livePid(file, 'sluice');
  return pid === process.pid ? undefined : pid;
}

const modifiedAt = (file: string): Date | undefined => {
  try {
    return statSync(file).mtime;
  } catch {
    return undefined;
  }
};

/**
 * One `sluice dev` per data directory. A second one would take the first one's PostgreSQL and
 * Redis for orphans of a killed run and stop them under it (`make run` in two terminals). The
 * lock's mtime is kept fresh while the run lives, so a lock left by a killed run (a dead pid) says
 * when that run was last alive; a run that stopped cleanly removes it.
 */
export function lockDataDir(
  dir: string,
  localWorld: boolean,
  heartbeatMs = HEARTBEAT_MS,
): DataDirLock {
  const file = join(dir, LOCK_FILE);
  const holder = liveHolder(file);
  if (holder !== undefined)
    throw new Error(
      `sluice dev is already running on ${dir} (pid ${holder}): stop it first (Ctrl-C in its ` +
        'terminal), or give this one its own SLUICE_DATA_DIR, EMBEDDED_POSTGRES_PORT, ' +
        'API_GRPC_ADDR and API_HTTP_ADDR',
    );
  const previousRunEndedAt = localWorld && wasLocal(file) ? modifiedAt(file) : undefined;
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, `${process.pid}\n${localWorld ? 'local' : 'cluster'}\n`);
  const heartbeat = setInterval(() => {
    const now = new Date();
    if (pidIn(file) === process.pid) utimesSync(file, now, now);
  }, heartbeatMs);
  heartbeat.unref();
  return {
    previousRunEndedAt,
    release: () => {
      clearInterval(heartbeat);
      if (pidIn(file) === process.pid) unlinkSync(file);
    },
  };
}
