import { redisServerArgs } from './private-redis.js';

/** redis-server's `--name value` pairs, as the server reads them into its config. */
const settings = (args: string[]): Record<string, string> =>
  Object.fromEntries(
    args.flatMap((arg, i) => (i % 2 === 0 ? [[arg.replace(/^--/, ''), args[i + 1] ?? '']] : [])),
  );

describe('redisServerArgs', () => {
  const parsed = settings(redisServerArgs(43210, '/data/.sluice/redis'));

  it('persists to an append-only file fsynced every second, with no RDB snapshots', () => {
    expect(parsed).toMatchObject({ save: '', appendonly: 'yes', appendfsync: 'everysec' });
  });

  it('listens on loopback only, on the given port', () => {
    expect(parsed).toMatchObject({ bind: '127.0.0.1', port: '43210' });
  });

  it('keeps its working directory and pid file under the given folder', () => {
    expect(parsed).toMatchObject({
      dir: '/data/.sluice/redis',
      pidfile: '/data/.sluice/redis/redis.pid',
    });
  });

  it('passes every setting as a name and a value', () => {
    const args = redisServerArgs(1, '/d');
    expect(args.filter((_, i) => i % 2 === 0).every((name) => name.startsWith('--'))).toBe(true);
    expect(args.length % 2).toBe(0);
  });
});
