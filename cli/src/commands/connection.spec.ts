import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyValues, resolveToken, TOKEN_FILE } from './connection.js';

describe('API token', () => {
  it('prefers the flag (or SLUICE_TOKEN), then .sluice/token, else says how to get one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sluice-token-'));
    await expect(resolveToken(undefined, dir)).rejects.toThrow('no API token');
    await mkdir(join(dir, '.sluice'));
    await writeFile(join(dir, TOKEN_FILE), 'slk_from_file\n');
    expect(await resolveToken(undefined, dir)).toBe('slk_from_file');
    expect(await resolveToken('', dir)).toBe('slk_from_file');
    expect(await resolveToken('slk_flag', dir)).toBe('slk_flag');
  });
});

describe('keyValues', () => {
  it.each([
    [[], {}],
    [['team=search'], { team: 'search' }],
    [['a=1', 'b=x=y', 'a=2'], { a: '2', b: 'x=y' }],
    [['empty='], { empty: '' }],
  ])('%j', (pairs, map) => {
    expect(keyValues(pairs, '--tag')).toEqual(map);
  });

  it.each([['team'], ['=search']])('refuses %s', (pair) => {
    expect(() => keyValues([pair], '--tag')).toThrow(`--tag ${pair}`);
  });
});
