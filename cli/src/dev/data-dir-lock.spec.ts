import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockDataDir } from './data-dir-lock.js';

describe('lockDataDir', () => {
  const root = mkdtempSync(join(tmpdir(), 'sluice-lock-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const lockText = (dir: string) => readFileSync(join(dir, 'dev.pid'), 'utf8');
  /** What a killed run leaves: its (dead) pid and mode, last touched at `lastAlive`. */
  const killedRun = (dir: string, mode: 'local' | 'cluster', lastAlive: Date) => {
    lockDataDir(dir, true).release();
    writeFileSync(join(dir, 'dev.pid'), `999999999\n${mode}\n`);
    utimesSync(join(dir, 'dev.pid'), lastAlive, lastAlive);
  };

  it('records this process and its mode, and removes the lock on release', () => {
    const dir = join(root, 'fresh');
    const lock = lockDataDir(dir, true);
    expect(lockText(dir)).toBe(`${process.pid}\nlocal\n`);
    expect(lock.previousRunEndedAt).toBeUndefined();
    lock.release();
    expect(existsSync(join(dir, 'dev.pid'))).toBe(false);
    expect(lockDataDir(dir, false).previousRunEndedAt).toBeUndefined();
  });

  it('refuses while another sluice dev holds it, and takes it over once that one is gone', async () => {
    const dir = join(root, 'held');
    // A live process whose command line names sluice, as `node cli/bin/sluice.js dev` does.
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', 'sluice-dev']);
    try {
      lockDataDir(dir, true).release();
      writeFileSync(join(dir, 'dev.pid'), `${other.pid}\nlocal\n`);
      expect(() => lockDataDir(dir, true)).toThrow(`already running on ${dir} (pid ${other.pid})`);
    } finally {
      other.kill();
      await once(other, 'exit');
    }
    const lock = lockDataDir(dir, true);
    expect(lockText(dir)).toBe(`${process.pid}\nlocal\n`);
    lock.release();
  });

  it('takes over a lock whose pid names a process that is not sluice (reused after a reboot)', () => {
    const dir = join(root, 'reused');
    lockDataDir(dir, true).release();
    writeFileSync(join(dir, 'dev.pid'), '1\nlocal\n');
    const lock = lockDataDir(dir, true);
    expect(lockText(dir)).toBe(`${process.pid}\nlocal\n`);
    lock.release();
  });

  it.each<[string, 'local' | 'cluster', boolean, boolean]>([
    ['a killed local run, for a local run', 'local', true, true],
    ['a killed run on a cluster (its models kept running)', 'cluster', true, false],
    ['a killed local run, for a run on a cluster', 'local', false, false],
  ])('says when %s was last alive: %s', (_case, mode, localWorld, told) => {
    const dir = join(root, `killed-${mode}-${localWorld}`);
    const lastAlive = new Date('2026-11-02T10:00:00Z');
    killedRun(dir, mode, lastAlive);
    const lock = lockDataDir(dir, localWorld);
    expect(lock.previousRunEndedAt).toEqual(told ? lastAlive : undefined);
    lock.release();
  });

  it('keeps the lock touched while it runs, so a kill leaves when it was last alive', async () => {
    const dir = join(root, 'alive');
    const lock = lockDataDir(dir, true, 20);
    const old = new Date('2026-11-02T10:00:00Z');
    utimesSync(join(dir, 'dev.pid'), old, old);
    const touched = () => statSync(join(dir, 'dev.pid')).mtime > old;
    for (let i = 0; i < 100 && !touched(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(touched()).toBe(true);
    lock.release();
  });

  it('leaves a lock it no longer holds alone on release', () => {
    const dir = join(root, 'taken');
    const lock = lockDataDir(dir, true);
    writeFileSync(join(dir, 'dev.pid'), '1\nlocal\n');
    lock.release();
    expect(lockText(dir)).toBe('1\nlocal\n');
  });
});
