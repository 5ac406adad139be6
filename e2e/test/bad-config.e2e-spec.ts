import { API_MAIN, requireBuilt, run, SLUICE_CLI } from './support/processes.js';

const DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

describe('a bad environment value', () => {
  it.each([
    ['API_GRPC_ADDR', 'localhost', 'API_GRPC_ADDR: expected host:port'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL: expected one of trace, debug'],
    ['REDIS_URL', 'http://x', 'REDIS_URL: expected a URL like redis://'],
  ])('%s=%s stops the API with one line naming it', async (name, value, expected) => {
    const result = await run([requireBuilt(API_MAIN)], { DATABASE_URL, [name]: value });
    expect(result.code).toBe(78);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringContaining(expected)]);
  });

  it('names a missing DATABASE_URL', async () => {
    const result = await run([requireBuilt(API_MAIN)], { DATABASE_URL: '' });
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/^sluice-api: Invalid configuration: DATABASE_URL: is required/);
  });

  it('stops local mode the same way', async () => {
    const result = await run([requireBuilt(SLUICE_CLI), 'dev'], { EMBEDDED_POSTGRES_PORT: '80' });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain(
      'EMBEDDED_POSTGRES_PORT: expected a whole number from 1024 to 65535 (got "80")',
    );
  });
});
