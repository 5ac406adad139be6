import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  GetCostReportResponseSchema,
  GetSavingsResponseSchema,
  GetUnitEconomicsResponseSchema,
} from '@sluice/proto';
import { dashboardData, type DashboardInputs } from './dashboard-data.js';

const window = { start: new Date('2026-11-02T00:00:00Z'), end: new Date('2026-11-03T00:00:00Z') };
const bucket = (iso: string, queries: bigint, cacheHits: bigint, totalUsd: string) => ({
  bucketStart: timestampFromDate(new Date(iso)),
  usage: { queries, cacheHits },
  cost: { totalUsd },
});

function inputs(savings?: DashboardInputs['savings']): DashboardInputs {
  return {
    window,
    request: { shareIdle: true, filters: [{ dimension: 'tag:team', values: ['search', 'ads'] }] },
    granularity: 'hour',
    costs: create(GetCostReportResponseSchema, {
      // Ordered by cost as the report orders them; the page wants time order.
      rows: [
        bucket('2026-11-02T10:00:00Z', 3n, 1n, '1'),
        bucket('2026-11-02T09:00:00Z', 0n, 0n, '0.5'),
        bucket('2026-11-02T08:00:00Z', 6n, 3n, '0.02'),
      ],
      total: { usage: { queries: 9n, cacheHits: 4n }, cost: { totalUsd: '1.52' } },
    }),
    unit: create(GetUnitEconomicsResponseSchema, {
      total: {
        usage: { queries: 9n },
        routing: [
          {
            tier: 'frontier',
            queries: 3n,
            models: [{ model: { namespace: 'ml', name: 'gpt' }, queries: 3n }],
          },
          {
            tier: 'small',
            queries: 6n,
            models: [
              { model: { namespace: 'ml', name: 'llama' }, queries: 4n },
              { model: { namespace: 'ml', name: 'qwen' }, queries: 2n },
            ],
          },
        ],
      },
    }),
    savings:
      savings ??
      create(GetSavingsResponseSchema, {
        rows: [
          { group: [{ dimension: 'tag:team', value: '' }], queries: 0n },
          {
            group: [{ dimension: 'tag:team', value: 'search' }],
            queries: 9n,
            actualCostUsd: '1.52',
            frontierBaselineCostUsd: '3.04',
            savedVsFrontierUsd: '1.52',
            savedVsFrontierRatio: 0.5,
            marginalCostUsd: '0.52',
            fullyLoadedCostUsd: '1.52',
            savedMarginalUsd: '2.52',
            savedMarginalRatio: 2.52 / 3.04,
            savedFullyLoadedUsd: '1.52',
            savedFullyLoadedRatio: 0.5,
          },
        ],
        // As GetSavings sends it: the total's group values are there, and empty.
        total: {
          group: [{ dimension: 'tag:team', value: '' }],
          queries: 9n,
          actualCostUsd: '1.52',
          frontierBaselineCostUsd: '3.04',
        },
      }),
  };
}

describe('dashboardData', () => {
  it('puts buckets in time order with exact cost per query and a gap for empty buckets', () => {
    const data = dashboardData(inputs());
    expect(data.timeline.map((p) => [p.bucketStart, p.costPerQueryUsd, p.cacheHitRate])).toEqual([
      ['2026-11-02T08:00:00.000Z', '0.003333333333', 0.5],
      ['2026-11-02T09:00:00.000Z', '', 0],
      ['2026-11-02T10:00:00.000Z', '0.333333333333', 1 / 3],
    ]);
    expect(data.totals).toEqual({
      queries: 9,
      costUsd: '1.52',
      costPerQueryUsd: '0.168888888889',
      cacheHitRate: 4 / 9,
    });
  });

  it('flattens routing to one slice per model with its share of all queries', () => {
    expect(dashboardData(inputs()).routing).toEqual([
      { tier: 'frontier', model: 'ml/gpt', queries: 3, share: 3 / 9 },
      { tier: 'small', model: 'ml/llama', queries: 4, share: 4 / 9 },
      { tier: 'small', model: 'ml/qwen', queries: 2, share: 2 / 9 },
    ]);
  });

  it('labels savings groups as the CLI does: (none) for no value, total for the total', () => {
    const savings = dashboardData(inputs()).savings;
    expect(savings).toMatchObject({
      rows: [
        { group: '(none)', actualCostUsd: '0', savedMarginalUsd: '', savedFullyLoadedUsd: '' },
        {
          group: 'search',
          actualCostUsd: '1.52',
          frontierBaselineCostUsd: '3.04',
          marginalCostUsd: '0.52',
          fullyLoadedCostUsd: '1.52',
          savedMarginalUsd: '2.52',
          savedFullyLoadedUsd: '1.52',
          savedFullyLoadedRatio: 0.5,
        },
      ],
      total: { group: 'total', savedByCacheUsd: '0' },
    });
  });

  it('says which filters and idle sharing the figures are for', () => {
    const data = dashboardData(inputs());
    expect([data.shareIdle, data.filters]).toEqual([true, ['tag:team=search,ads']]);
  });

  it('passes on why savings cannot be priced', () => {
    expect(dashboardData(inputs({ unavailable: 'no baseline' })).savings).toEqual({
      unavailable: 'no baseline',
    });
  });
});
