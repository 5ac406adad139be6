import { compareReport, same, type Comparison } from './compare.js';
import { double, int, money, text, type FigureRow, type ReportFigures } from './figures.js';

const report = (rows: Record<string, FigureRow>): ReportFigures => ({
  report: 'GetCostReport',
  groupBy: 'model',
  rows: new Map(Object.entries(rows)),
});

describe('audit comparison', () => {
  it.each([
    [money('1000000000001'), money('1000000000000'), false],
    [money(''), money('0'), false],
    [int(7n), int('7'), true],
    [double(0.1 + 0.2), double(0.3), true],
    [double(1), double(1 + 2e-9), false],
    [double(0), double(1e-300), false],
    [text('small'), text('small'), true],
  ])('%j against %j is the same: %s', (service, audit, expected) => {
    expect(same(service, audit)).toBe(expected);
  });

  it('lists differing figures and rows one side lacks, counting every figure', () => {
    const into: Comparison = { checked: 0n, differences: [] };
    compareReport(
      into,
      report({
        'ml/a': { 'cost.total_usd': money('2500000000000'), 'usage.queries': int(3) },
        'ml/b': { 'cost.total_usd': money('1') },
      }),
      report({
        'ml/a': { 'cost.total_usd': money('2500000000001'), 'usage.queries': int(3) },
        'ml/c': { 'cost.total_usd': money('0') },
      }),
    );
    expect(into.checked).toBe(4n);
    expect(into.differences.map((d) => [d.group, d.figure, d.serviceValue, d.auditValue])).toEqual([
      ['ml/a', 'cost.total_usd', '2.5', '2.500000000001'],
      ['ml/b', 'row', 'present (0.000000000001)', ''],
      ['ml/c', 'row', '', 'present (0)'],
    ]);
  });
});
