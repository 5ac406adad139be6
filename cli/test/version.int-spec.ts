import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);
const cliDir = new URL('..', import.meta.url);

describe('sluice --version', () => {
  it("prints the CLI package's version, as installed", async () => {
    const manifest = JSON.parse(readFileSync(new URL('package.json', cliDir), 'utf8')) as {
      version: string;
    };
    const { stdout } = await run(process.execPath, [
      new URL('bin/sluice.js', cliDir).pathname,
      '--version',
    ]);
    expect(stdout).toBe(`${manifest.version}\n`);
  });
});
