import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { lockDataDir } from './data-dir-lock.js';

describe('lockDataDir', () => {
  const root = mkdtempSync(join(tmpdir(), 'sluice-lock-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('records this process and removes the lock on release', () => {
    const dir = join(root, 'fresh');
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, 'dev.pid'), 'utf8')).toBe(`${process.pid}\n`);
    release();
    expect(existsSync(join(dir, 'dev.pid'))).toBe(false);
  });

  it('refuses while another sluice dev holds it, and takes it over once that one is gone', async () => {
    const dir = join(root, 'held');
    // A live process whose command line names sluice, as `node cli/bin/sluice.js dev` does.
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', 'sluice-dev']);
    try {
      lockDataDir(dir)();
      writeFileSync(join(dir, 'dev.pid'), `${other.pid}\n`);
      expect(() => lockDataDir(dir)).toThrow(`already running on ${dir} (pid ${other.pid})`);
    } finally {
      other.kill();
      await once(other, 'exit');
    }
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, 'dev.pid'), 'utf8')).toBe(`${process.pid}\n`);
    release();
  });

  it('takes over a lock whose pid names a process that is not sluice (reused after a reboot)', () => {
    const dir = join(root, 'reused');
    lockDataDir(dir)();
    writeFileSync(join(dir, 'dev.pid'), '1\n');
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, 'dev.pid'), 'utf8')).toBe(`${process.pid}\n`);
    release();
  });

  it('leaves a lock it no longer holds alone on release', () => {
    const dir = join(root, 'taken');
    const release = lockDataDir(dir);
    writeFileSync(join(dir, 'dev.pid'), '1\n');
    release();
    expect(readFileSync(join(dir, 'dev.pid'), 'utf8')).toBe('1\n');
  });
});
