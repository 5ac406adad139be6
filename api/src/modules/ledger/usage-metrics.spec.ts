import { Registry } from 'prom-client';
import { apiEnvSchema, loadConfig } from '@sluice/common';
import { exampleRoutingView } from '../routing/testing/in-memory-routing-view.js';
import { UsageMetrics } from './usage-metrics.js';
import type { UsageReport } from './ledger.types.js';

const configWith = (env: Record<string, string> = {}) =>
  loadConfig(apiEnvSchema, { DATABASE_URL: 'postgres://x@127.0.0.1/x', ...env });

const report = (overrides: Partial<UsageReport>): UsageReport => ({
  tenantId: 't',
  idempotencyKey: 'k',
  decisionId: 'd',
  model: { namespace: 'default', name: 'gpt-4o' },
  tier: 'frontier',
  cacheKind: 'none',
  inputTokens: 1000,
  cachedInputTokens: 200,
  outputTokens: 100,
  latencyMs: 50,
  status: 'ok',
  tags: { team: 'search' },
  occurredAt: '2026-11-28T10:00:00.000Z',
  ...overrides,
});

async function values(registry: Registry, name: string) {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  return (metric?.values ?? []) as Array<{
    labels: Record<string, string | number>;
    value: number;
  }>;
}

describe('UsageMetrics', () => {
  it('counts cost in USD, tokens by kind and the ingest lag of committed rows', async () => {
    const registry = new Registry();
    const metrics = new UsageMetrics(
      registry,
      configWith({ METRICS_TAG_LABELS: 'team' }),
      exampleRoutingView(),
    );
    metrics.committed(
      [
        { report: report({}), costUsd: 3_500_000_000n }, // $0.0035
        { report: report({ tags: {} }), costUsd: 1_000_000_000_000n }, // $1
      ],
      Date.parse('2026-11-28T10:00:02.000Z'),
    );
    expect(await values(registry, 'sluice_cost_usd_total')).toEqual([
      { labels: { model: 'default/gpt-4o', tag_team: 'search' }, value: 0.0035 },
      { labels: { model: 'default/gpt-4o', tag_team: '' }, value: 1 },
    ]);
    const tokens = await values(registry, 'sluice_tokens_total');
    expect(tokens.map((t) => [t.labels.kind, t.value])).toEqual([
      ['input', 2000],
      ['cached_input', 400],
      ['output', 200],
    ]);
    const lag = await values(registry, 'sluice_usage_ingest_lag_seconds');
    expect(lag.find((v) => v.labels.le === 2.5)?.value).toBe(2);
    expect(lag.find((v) => v.labels.le === 1)?.value).toBe(0);
  });

  const committed = (metrics: UsageMetrics, reports: Array<Partial<UsageReport>>) =>
    metrics.committed(reports.map((r) => ({ report: report(r), costUsd: 1_000_000_000_000n })));

  it('labels by model and nothing of the tenant by default; unknown models are other', async () => {
    const registry = new Registry();
    const metrics = new UsageMetrics(registry, configWith(), exampleRoutingView());
    committed(metrics, [{}, { model: { namespace: 'default', name: 'x'.repeat(253) } }]);
    expect((await values(registry, 'sluice_cost_usd_total')).map((v) => v.labels)).toEqual([
      { model: 'default/gpt-4o' },
      { model: 'other' },
    ]);
    const tokens = await values(registry, 'sluice_tokens_total');
    expect(new Set(tokens.map((t) => t.labels.model))).toEqual(
      new Set(['default/gpt-4o', 'other']),
    );
  });

  it('counts every model as other without a catalog', async () => {
    const registry = new Registry();
    committed(new UsageMetrics(registry, configWith()), [{}]);
    expect((await values(registry, 'sluice_cost_usd_total')).map((v) => v.labels)).toEqual([
      { model: 'other' },
    ]);
  });

  it('caps the values of a chosen tag key, the rest counted as other', async () => {
    const registry = new Registry();
    const config = configWith({ METRICS_TAG_LABELS: 'team', METRICS_TAG_VALUES_MAX: '2' });
    const metrics = new UsageMetrics(registry, config, exampleRoutingView());
    committed(
      metrics,
      ['a', 'b', 'c', 'd', 'a'].map((team) => ({ tags: { team } })),
    );
    const series = await values(registry, 'sluice_cost_usd_total');
    expect(series.map((v) => [v.labels.tag_team, v.value])).toEqual([
      ['a', 2],
      ['b', 1],
      ['other', 2],
    ]);
  });
});
