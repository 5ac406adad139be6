// `sluice tenants` and `sluice tokens` as a person runs them (the built CLI in a child process)
// against the whole API on real PostgreSQL and Redis: a platform admin gives a team its tenant
// admin, which issues a team-scoped token; `sluice route` works with it, then not once revoked.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { exampleRoutingView } from '../../api/src/modules/routing/testing/in-memory-routing-view.js';
import { startDemoApi, type DemoApi } from './support/demo-api.js';

const exec = promisify(execFile);
const BIN = new URL('../bin/sluice.js', import.meta.url).pathname;
const SECRET = /sluice_[A-Za-z0-9_-]{43}/;
/** An asymmetric matcher for text containing `part`, typed for toMatchObject. */
const containing = (part: string): string => expect.stringContaining(part) as string;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

describe('sluice tokens and tenants', () => {
  let api: DemoApi;

  /** Runs the CLI with `token`; never SLUICE_TOKEN or a .sluice/token of this machine. */
  async function sluice(token: string, ...args: string[]): Promise<Run> {
    const env = { ...process.env, SLUICE_TOKEN: '' };
    const argv = [BIN, ...args, '--address', api.address, '--timeout', '20000', '--token', token];
    try {
      const { stdout, stderr } = await exec(process.execPath, argv, { env, cwd: '/' });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  const route = (token: string, ...tags: string[]) =>
    sluice(
      token,
      'route',
      '--prompt',
      'Is this ticket about billing?',
      '--task',
      'classification',
      ...tags.flatMap((t) => ['--tag', t]),
      '-o',
      'json',
    );

  beforeAll(async () => {
    api = await startDemoApi(exampleRoutingView());
  });

  afterAll(async () => {
    await api?.close();
  });

  it('gives a team a token that routes within its scope, until it is revoked', async () => {
    const tenant = await sluice(api.token, 'tenants', 'create', 'team-search');
    expect(tenant).toMatchObject({ code: 0, stdout: containing('team-search') });

    const admin = await sluice(
      api.token,
      'tokens',
      'create',
      'search-admin',
      '--tenant',
      'team-search',
      '--role',
      'tenant-admin',
    );
    expect(admin.code).toBe(0);
    expect(admin.stderr).toContain('it is not shown again');
    const adminSecret = SECRET.exec(admin.stdout)?.[0] ?? '';
    expect(admin.stdout).toContain(`secret: ${adminSecret}`);

    const member = await sluice(
      adminSecret,
      'tokens',
      'create',
      'search-ci',
      '--scope',
      'team=search',
      '--monthly-budget',
      '25',
      '--expires',
      '30d',
      '-o',
      'json',
    );
    expect(member.code).toBe(0);
    const created = JSON.parse(member.stdout) as {
      secret: string;
      token: { id: string; tenant: string; scope: object; monthlyBudgetUsd: string };
    };
    expect(created.token).toMatchObject({
      tenant: 'team-search',
      scope: { team: 'search' },
      monthlyBudgetUsd: '25',
    });

    const routed = await route(created.secret);
    expect(routed.code).toBe(0);
    expect(JSON.parse(routed.stdout)).toMatchObject({ target: { tier: 'small' } });
    const outside = await route(created.secret, 'team=ads');
    expect(outside).toMatchObject({ code: 1, stderr: containing('scope') });

    const listed = await sluice(adminSecret, 'tokens', 'list');
    expect(listed.stdout).toContain('search-ci');
    expect(listed.stdout).toContain(created.secret.slice(0, 13));
    expect(listed.stdout).not.toContain(created.secret);

    const revoked = await sluice(adminSecret, 'tokens', 'revoke', created.token.id);
    expect(revoked.code).toBe(0);
    expect(revoked.stderr).toContain('60 s');
    const refused = await route(created.secret);
    expect(refused).toMatchObject({
      code: 1,
      stderr: containing('unknown, revoked or expired'),
    });
  });

  it('bootstraps a platform admin straight into the database, with no token at all', async () => {
    const env = { ...process.env, SLUICE_TOKEN: '', DATABASE_URL: api.databaseUrl };
    const argv = [BIN, 'tokens', 'bootstrap', 'ops', '--tenant', 'platform-team'];
    const { stdout, stderr } = await exec(process.execPath, argv, { env, cwd: '/' });
    expect(stderr).toContain('it is not shown again');
    const secret = SECRET.exec(stdout)?.[0] ?? '';
    const tenants = await sluice(secret, 'tenants', 'list');
    expect(tenants).toMatchObject({ code: 0, stdout: containing('platform-team') });
  });

  it('refuses a tenant admin another tenant and a platform admin token', async () => {
    await sluice(api.token, 'tenants', 'create', 'team-ads');
    const admin = await sluice(
      api.token,
      'tokens',
      'create',
      'ads-admin',
      '--tenant',
      'team-ads',
      '--role',
      'tenant-admin',
    );
    const adsAdmin = SECRET.exec(admin.stdout)?.[0] ?? '';
    const other = await sluice(adsAdmin, 'tokens', 'list', '--tenant', 'team-search');
    expect(other).toMatchObject({ code: 1, stderr: containing('team-ads') });
    const platform = await sluice(adsAdmin, 'tokens', 'create', 'x', '--role', 'platform-admin');
    expect(platform).toMatchObject({ code: 1, stderr: containing('platform admin') });
  });
});
