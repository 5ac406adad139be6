import type { RoutedDecision } from './routed-decision.js';
import { verdictOf } from './shadow-verdict.service.js';

const record: RoutedDecision['record'] = {
  decisionId: '00000000-0000-5000-8000-000000000001',
  tenantId: '00000000-0000-4000-8000-000000000002',
  policy: { namespace: 'default', name: 'p' },
  rule: '',
  tier: 'small',
  model: { namespace: 'default', name: 'llama' },
  complexity: 'simple',
  cacheKind: 'none',
  tags: {},
  promptTokens: 12,
  createdAt: '2026-12-07T14:00:00.000Z',
};
const at = new Date('2026-12-07T14:05:00Z');
const judged = { acceptable: true, judge: 'gpt-judge' };

describe('verdictOf', () => {
  it.each([
    {
      name: 'remembered classification',
      routed: {
        record,
        classification: { classifier: 'learned' as const, taskKind: 'code', smallOk: 0.63 },
      },
      kind: 'code',
      bucket: 6,
    },
    {
      name: 'ledger columns',
      routed: { record: { ...record, taskKind: 'math', smallOk: 0.07 } },
      kind: 'math',
      bucket: 0,
    },
    {
      name: 'smallOk 1 in the top bucket',
      routed: { record: { ...record, smallOk: 1 } },
      kind: '',
      bucket: 9,
    },
    { name: 'no classifier score', routed: { record }, kind: '', bucket: undefined },
  ])('$name', ({ routed, kind, bucket }) => {
    expect(verdictOf(routed, judged, at)).toEqual({
      decisionId: record.decisionId,
      tenantId: record.tenantId,
      policy: record.policy,
      taskKind: kind,
      smallOkBucket: bucket,
      acceptable: true,
      judge: 'gpt-judge',
      judgedAt: at,
    });
  });
});
