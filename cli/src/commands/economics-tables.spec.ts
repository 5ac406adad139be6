import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  GetCostReportResponseSchema,
  GetCrossoverResponseSchema,
  GetSavingsResponseSchema,
  GetUnitEconomicsResponseSchema,
  TierShareSchema,
} from '@sluice/proto';
import { crossoverTable } from './economics-crossover-table.js';
import { costTable, money, routingText, savingsTable, unitTable } from './economics-tables.js';

const team = (value: string) => [{ dimension: 'tag:team', value }];

describe('economics tables', () => {
  it.each([
    ['0.000123456789', '$0.000123456789'],
    ['-0.024593711111', '-$0.024593711111'],
    ['10', '$10'],
    ['', '-'],
    [undefined, '-'],
  ])('money %j is %j', (usd, text) => {
    expect(money(usd)).toBe(text);
  });

  const unitReply = create(GetUnitEconomicsResponseSchema, {
    rows: [
      {
        group: team('search'),
        usage: { queries: 3n },
        costUsd: '0.000123456789',
        costPerQueryUsd: '0.000041152263',
        costPerMillionInputTokensUsd: '2.505',
        costPerMillionOutputTokensUsd: '',
        cache: { hitRate: 1 / 3 },
      },
      { group: team(''), usage: { queries: 1n }, costUsd: '10' },
    ],
    total: { usage: { queries: 4n }, costUsd: '10.000123456789' },
  });

  it('rounds money to cents, half up, and names a missing value and the total', () => {
    expect(unitTable(['tag:team'], unitReply).rows).toEqual([
      ['search', 3, '$0.00', '$0.00', '$2.51', '-', '33.3%', ''],
      ['(none)', 1, '$10.00', '-', '-', '-', '0.0%', ''],
      ['total', 4, '$10.00', '-', '-', '-', '0.0%', ''],
    ]);
  });

  it('prints every digit the API sent at precision 12', () => {
    expect(unitTable(['tag:team'], unitReply, { precision: 12 }).rows[0]).toEqual([
      'search',
      3,
      '$0.000123456789',
      '$0.000041152263',
      '$2.505000000000',
      '-',
      '33.3%',
      '',
    ]);
  });

  it.each([
    [[], ['total']],
    [
      ['model', 'tag:team'],
      ['total', ''],
    ],
  ])('group-by %j gives the total row its first column', (groupBy, cells) => {
    const reply = create(GetCostReportResponseSchema, { total: { cost: { totalUsd: '1.5' } } });
    const table = costTable(groupBy, reply);
    expect(table.rows.at(-1)?.slice(0, cells.length)).toEqual(cells);
    expect(table.rows).toHaveLength(1);
    expect(table.rows.at(-1)).toContain('$1.50');
  });

  it('puts the bucket first when a granularity was asked for, even without group-by', () => {
    const hour = (h: number) => timestampFromDate(new Date(Date.UTC(2026, 10, 2, h)));
    const reply = create(GetCostReportResponseSchema, {
      rows: [
        { bucketStart: hour(10), group: team('search'), cost: { totalUsd: '0.5' } },
        { bucketStart: hour(11), group: team(''), cost: { totalUsd: '1' } },
      ],
      total: { usage: { queries: 3n }, cost: { totalUsd: '1.5' } },
    });
    const table = costTable(['tag:team'], reply, true);
    expect(table.head.slice(0, 3)).toEqual(['bucket', 'tag:team', 'queries']);
    expect(table.rows.map((r) => r.slice(0, 3).concat(r[6] ?? ''))).toEqual([
      ['2026-11-02T10:00Z', 'search', 0, '$0.50'],
      ['2026-11-02T11:00Z', '(none)', 0, '$1.00'],
      ['total', '', 3, '$1.50'],
    ]);
    expect(costTable([], reply, true).rows.map((r) => r[0])).toEqual([
      '2026-11-02T10:00Z',
      '2026-11-02T11:00Z',
      'total',
    ]);
  });

  it('shows savings against the frontier twice, labelled, and what the API left empty as -', () => {
    const reply = create(GetSavingsResponseSchema, {
      rows: [{ group: team(''), queries: 2n, actualCostUsd: '1', frontierBaselineCostUsd: '2' }],
      total: {
        queries: 10n,
        actualCostUsd: '1',
        frontierBaselineCostUsd: '4',
        savedMarginalUsd: '3.125',
        savedMarginalRatio: 0.78125,
        savedFullyLoadedUsd: '-0.005',
        savedFullyLoadedRatio: -0.00125,
        savedByCacheUsd: '0.2',
        savedByCacheRatio: 0.1,
      },
    });
    const table = savingsTable(['tag:team'], reply);
    expect(table.head.slice(4, 7)).toEqual([
      'saved marginal',
      'saved fully loaded',
      'saved by cache',
    ]);
    expect(table.rows).toEqual([
      ['(none)', 2, '$1.00', '$2.00', '-', '-', '-'],
      ['total', 10, '$1.00', '$4.00', '$3.13 (78.1%)', '-$0.01 (-0.1%)', '$0.20 (10.0%)'],
    ]);
  });

  it('shows crossover from run time, and a model that did not run as such', () => {
    const model = (name: string) => ({ namespace: 'ml', name });
    const reply = create(GetCrossoverResponseSchema, {
      rows: [
        {
          model: model('llama'),
          tier: 'small',
          hostedReference: model('gpt'),
          runHours: 2,
          selfHostedHourlyUsd: '0.8',
          breakEvenTokensPerHour: 80_000n,
          breakEvenQueriesPerMonth: 57_600n,
          utilization: 0.0104,
          neededReplicas: 1,
          neededReplicasHourlyUsd: '0.8',
          hostedHourlyUsd: '0.004166666667',
          cheaper: 'hosted',
        },
        { model: model('idle'), hostedReference: model('gpt') },
      ],
    });
    expect(crossoverTable(reply).rows).toEqual([
      [
        'ml/llama',
        'small',
        'ml/gpt',
        '2.00',
        '$0.80/h',
        80000,
        57600,
        '1.0%',
        1,
        '$0.80/h',
        '$0.00/h',
        'hosted',
      ],
      ['ml/idle', '(none)', 'ml/gpt', '0.00', 'did not run', '-', '-', '0.0%', '-', '-', '-', '-'],
    ]);
  });

  it.each([
    [[], ''],
    [
      [
        { tier: 'small', share: 0.25 },
        { tier: 'frontier', share: 0.75 },
      ],
      'frontier 75.0%, small 25.0%',
    ],
  ])('routing %j', (tiers, text) => {
    expect(routingText(tiers.map((t) => create(TierShareSchema, t)))).toBe(text);
  });
});
