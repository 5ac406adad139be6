import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  GetCostReportResponseSchema,
  GetSavingsResponseSchema,
  GetUnitEconomicsResponseSchema,
  TierShareSchema,
} from '@sluice/proto';
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

  it('prints money exactly as the API sends it, sub-cent digits included', () => {
    const reply = create(GetUnitEconomicsResponseSchema, {
      rows: [
        {
          group: team('search'),
          usage: { queries: 3n },
          costUsd: '0.000123456789',
          costPerQueryUsd: '0.000041152263',
          costPerMillionInputTokensUsd: '2.5',
          costPerMillionOutputTokensUsd: '',
          cache: { hitRate: 1 / 3 },
        },
        { group: team(''), usage: { queries: 1n }, costUsd: '10' },
      ],
      total: { usage: { queries: 4n }, costUsd: '10.000123456789' },
    });
    expect(unitTable(['tag:team'], reply).rows).toEqual([
      ['search', 3, '$0.000123456789', '$0.000041152263', '$2.5', '-', '33.3%', ''],
      ['(none)', 1, '$10', '-', '-', '-', '0.0%', ''],
      ['total', 4, '$10.000123456789', '-', '-', '-', '0.0%', ''],
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
    expect(table.rows.at(-1)).toContain('$1.5');
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
      ['2026-11-02T10:00Z', 'search', 0, '$0.5'],
      ['2026-11-02T11:00Z', '(none)', 0, '$1'],
      ['total', '', 3, '$1.5'],
    ]);
    expect(costTable([], reply, true).rows.map((r) => r[0])).toEqual([
      '2026-11-02T10:00Z',
      '2026-11-02T11:00Z',
      'total',
    ]);
  });

  it('shows savings and their ratio', () => {
    const reply = create(GetSavingsResponseSchema, {
      total: {
        queries: 10n,
        actualCostUsd: '1',
        frontierBaselineCostUsd: '4',
        savedVsFrontierUsd: '3',
        savedVsFrontierRatio: 0.75,
        savedByCacheUsd: '0.2',
      },
    });
    expect(savingsTable([], reply).rows).toEqual([
      ['total', 10, '$1', '$4', '$3', '75.0%', '$0.2'],
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
