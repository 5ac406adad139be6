import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { exampleRoutingView } from '../../api/src/modules/routing/testing/in-memory-routing-view.js';
import { startDemoApi, type DemoApi } from './support/demo-api.js';

const exec = promisify(execFile);
const BIN = new URL('../bin/sluice.js', import.meta.url).pathname;
const WINDOW = ['--from', '2026-09-01T00:00:00Z', '--to', '2026-09-02T00:00:00Z'];

interface Run {
  readonly code: number;
  readonly stdout: string;
}

describe('sluice economics audit', () => {
  let api: DemoApi;

  async function sluice(...args: string[]): Promise<Run> {
    const env = { ...process.env, SLUICE_TOKEN: '' };
    const argv = [
      BIN,
      ...args,
      '--address',
      api.address,
      '--timeout',
      '60000',
      '--token',
      api.token,
    ];
    try {
      const { stdout } = await exec(process.execPath, argv, { env, cwd: '/' });
      return { code: 0, stdout };
    } catch (error) {
      const failed = error as { code: number; stdout: string };
      return { code: failed.code, stdout: failed.stdout };
    }
  }

  beforeAll(async () => {
    api = await startDemoApi(exampleRoutingView());
  });

  afterAll(async () => {
    await api?.close();
  });

  it('says the books balance, then fails listing a rollup row no raw row backs', async () => {
    const balanced = await sluice('economics', 'audit', ...WINDOW);
    expect(balanced.code).toBe(0);
    expect(balanced.stdout).toMatch(/^\d+ figures checked, 0 differences\n$/);

    // usage_hourly is what the service reads for whole hours; the audit reads raw rows only.
    const db = new Client({ connectionString: api.databaseUrl });
    await db.connect();
    try {
      const [tenant] = (await db.query<{ id: string }>('SELECT id FROM tenants LIMIT 1')).rows;
      await db.query(
        `INSERT INTO usage_hourly (hour, tenant_id, model_namespace, model_name, tier, cache_kind,
           template, tags_hash, tags, requests, failed_requests, input_tokens,
           cached_input_tokens, output_tokens, latency_ms_sum, cost_usd, baseline_cost_usd,
           baseline_requests, no_cache_cost_usd)
         VALUES ('2026-09-01T10:00:00Z', $1, 'ml', 'ghost', 'small', 'none', '', $2, '{}', 1, 0,
           10, 0, 5, 100, 0.25, 0.5, 1, 0)`,
        [tenant?.id, randomUUID()],
      );
    } finally {
      await db.end();
    }
    const unbalanced = await sluice('economics', 'audit', ...WINDOW);
    expect(unbalanced.code).toBe(1);
    expect(unbalanced.stdout).toContain('cost.external_usd');
    expect(unbalanced.stdout).toMatch(/\d+ figures checked, [1-9]\d* differences\n$/);

    const json = await sluice('economics', 'audit', ...WINDOW, '-o', 'json');
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout) as { differences: Array<{ group: string }> };
    expect(parsed.differences).toContainEqual(expect.objectContaining({ group: 'ml/ghost' }));
  });
});
