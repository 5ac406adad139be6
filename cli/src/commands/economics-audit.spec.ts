import { create } from '@bufbuild/protobuf';
import { AuditEconomicsResponseSchema } from '@sluice/proto';
import { auditSummary, auditTable } from './economics-audit.js';

describe('economics audit output', () => {
  it('says the books balance in one line', () => {
    const reply = create(AuditEconomicsResponseSchema, { figuresChecked: 1902n });
    expect(auditSummary(reply)).toBe('1902 figures checked, 0 differences\n');
    expect(auditTable(reply).rows).toEqual([]);
  });

  it('lists each differing figure with both values, a missing row as "-"', () => {
    const reply = create(AuditEconomicsResponseSchema, {
      figuresChecked: 40n,
      truncated: true,
      differences: [
        {
          report: 'GetCostReport',
          groupBy: '',
          group: 'total',
          figure: 'cost.external_usd',
          serviceValue: '0.027510000007',
          auditValue: '0.02751',
        },
        {
          report: 'GetCrossover',
          groupBy: 'model',
          group: 'ml/l4',
          figure: 'row',
          auditValue: 'present',
        },
      ],
    });
    expect(auditTable(reply).rows).toEqual([
      ['GetCostReport', '-', 'total', 'cost.external_usd', '0.027510000007', '0.02751'],
      ['GetCrossover', 'model', 'ml/l4', 'row', '-', 'present'],
    ]);
    expect(auditSummary(reply)).toBe('40 figures checked, 2 differences (more not listed)\n');
  });
});
