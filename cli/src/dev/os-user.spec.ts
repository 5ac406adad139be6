import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { grantPassage } from './os-user.js';

describe('grantPassage', () => {
  const root = mkdtempSync(join(tmpdir(), 'sluice-passage-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('adds only the search bit for others to private temporary folders on the way', () => {
    const open = join(root, 'open');
    const closed = join(open, 'closed');
    mkdirSync(closed, { recursive: true, mode: 0o700 });
    const before = statSync(closed).mode & 0o777;

    const granted = grantPassage([join(closed, 'data')]);

    expect(granted).toEqual(expect.arrayContaining([closed, root]));
    expect(statSync(closed).mode & 0o777).toBe(before | 0o001);
    expect(grantPassage([join(closed, 'data')])).toEqual([]);
  });
});
