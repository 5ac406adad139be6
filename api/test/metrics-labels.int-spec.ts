import { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { UsageStatus } from '@sluice/proto';
import { eventually } from './support/router-app.js';
import { POLICIES, startTwoTenants, type Actor, type TwoTenants } from './support/two-tenants.js';

// /metrics needs no token: after two tenants' traffic it names no tenant, team or tag value
// unless METRICS_TAG_LABELS asks, and then at most METRICS_TAG_VALUES_MAX values per key. A
// usage report's model reaches a label only if the catalog has it.

const text = (value: string) => ({ case: 'text' as const, value });

/** Routes one query for `who` with `tags` and reports its usage, naming `model` if given. */
async function traffic(world: TwoTenants, who: Actor, tags: Record<string, string>, model = '') {
  const { decision } = await world.clients.router.route(
    { policy: POLICIES.both, prompt: text('Is this ticket about billing?'), tags },
    who.as,
  );
  await world.clients.router.reportUsage(
    {
      usage: {
        decisionId: decision?.decisionId ?? '',
        inputTokens: 10,
        outputTokens: 5,
        status: UsageStatus.OK,
        ...(model === '' ? {} : { model: { name: model } }),
      },
    },
    who.as,
  );
}

async function metricsAfter(world: TwoTenants, rows: number): Promise<string> {
  await eventually(
    () => world.dataSource.query<unknown[]>('SELECT 1 FROM usage_records'),
    (found) => found.length === rows,
  );
  // Rows are counted once committed: the metric follows the insert, so read until it shows.
  return eventually(
    async () => (await fetch(`${world.httpUrl}/metrics`)).text(),
    (body) =>
      (body.match(/^sluice_cost_usd_total\{/gm) ?? []).length > 0 &&
      (body.match(/^sluice_tokens_total\{[^}]*kind="output"/gm) ?? []).length >= 1,
  );
}

const series = (body: string, name: string): string[] =>
  body.split('\n').filter((line) => line.startsWith(`${name}{`));

describe('/metrics with the default settings', () => {
  let world: TwoTenants;
  let body: string;

  beforeAll(async () => {
    world = await startTwoTenants();
    await traffic(world, world.alpha, {});
    await traffic(world, world.beta, {}, 'mystery-model');
    await traffic(world, world.other, { team: 'delta', customer: 'acme' });
    body = await metricsAfter(world, 3);
  }, 60_000);

  afterAll(async () => {
    await world?.close();
  });

  it('refuses a usage model that is no Kubernetes name, naming usage.model.name', async () => {
    const { decision } = await world.clients.router.route(
      { policy: POLICIES.both, prompt: text('hi') },
      world.other.as,
    );
    const usage = {
      decisionId: decision?.decisionId ?? '',
      status: UsageStatus.OK,
      model: { name: 'm'.repeat(100_000) },
    };
    const error = await world.clients.router.reportUsage({ usage }, world.other.as).then(
      () => undefined,
      (e: unknown) => e as ServiceError,
    );
    expect(error?.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(error?.metadata.get('sluice-field-violation')).toEqual([
      expect.stringMatching(/^usage\.model\.name: must be a DNS-1123 subdomain/),
    ]);
  });

  it('names no tenant, team or tag value', () => {
    const { alpha, other } = world;
    for (const secret of ['alpha', 'beta', 'delta', 'acme', alpha.tenantName, other.tenantName])
      expect(body).not.toContain(secret);
    for (const id of [alpha.tenantId, other.tenantId]) expect(body).not.toContain(id);
    expect(series(body, 'sluice_cost_usd_total').every((line) => !line.includes('team'))).toBe(
      true,
    );
  });

  it('labels a model outside the catalog as other', () => {
    expect(body).not.toContain('mystery-model');
    const models = series(body, 'sluice_tokens_total').map(
      (line) => /model="([^"]*)"/.exec(line)?.[1],
    );
    expect(models).toContain('other');
    // The catalog's models keep their names (the query routed to one of the small tier).
    expect(models.some((m) => m?.startsWith('default/'))).toBe(true);
    expect(models.filter((m) => m !== 'other').every((m) => m?.startsWith('default/'))).toBe(true);
  });
});

describe('/metrics with METRICS_TAG_LABELS=team and METRICS_TAG_VALUES_MAX=2', () => {
  let world: TwoTenants;

  beforeAll(async () => {
    world = await startTwoTenants({ METRICS_TAG_LABELS: 'team', METRICS_TAG_VALUES_MAX: '2' });
  }, 60_000);

  afterAll(async () => {
    await world?.close();
  });

  it('labels cost by team, at most two values, the rest as other, and no other tag', async () => {
    const { alpha, beta, tenantWide, other } = world;
    await traffic(world, alpha, {});
    await traffic(world, beta, {});
    await traffic(world, tenantWide, { team: 'gamma' });
    await traffic(world, other, { team: 'delta', customer: 'acme' });
    const body = await metricsAfter(world, 4);
    const teams = new Set(
      series(body, 'sluice_cost_usd_total').map((line) => /tag_team="([^"]*)"/.exec(line)?.[1]),
    );
    expect(teams.has('other')).toBe(true);
    const named = [...teams].filter((t) => t !== 'other');
    expect(named).toHaveLength(2);
    expect(['alpha', 'beta', 'gamma', 'delta']).toEqual(expect.arrayContaining(named));
    expect(body).not.toContain('acme');
  });
});
