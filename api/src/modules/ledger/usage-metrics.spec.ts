import { Registry } from 'prom-client';
import { UsageMetrics } from './usage-metrics.js';
import type { UsageReport } from './ledger.types.js';

const report = (overrides: Partial<UsageReport>): UsageReport => ({
  tenantId: 't',
  idempotencyKey: 'k',
  decisionId: 'd',
  model: { namespace: 'ml', name: 'gpt-4o' },
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
    const metrics = new UsageMetrics(registry);
    metrics.committed(
      [
        { report: report({}), costUsd: 3_500_000_000n }, // $0.0035
        { report: report({ tags: {} }), costUsd: 1_000_000_000_000n }, // $1
      ],
      Date.parse('2026-11-28T10:00:02.000Z'),
    );
    expect(await values(registry, 'sluice_cost_usd_total')).toEqual([
      { labels: { model: 'ml/gpt-4o', team: 'search' }, value: 0.0035 },
      { labels: { model: 'ml/gpt-4o', team: '' }, value: 1 },
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
});
