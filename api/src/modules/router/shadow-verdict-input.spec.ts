import { create } from '@bufbuild/protobuf';
import { ReportShadowVerdictRequestSchema } from '@sluice/proto';
import { judgedDecisionId, shadowVerdictViolations } from './shadow-verdict-input.js';

const request = (init: Parameters<typeof create<typeof ReportShadowVerdictRequestSchema>>[1]) =>
  create(ReportShadowVerdictRequestSchema, { decisionId: 'd-1', acceptable: true, ...init });

describe('shadowVerdictViolations', () => {
  it.each([
    { name: 'a valid verdict', init: {}, fields: [] },
    { name: 'false is a verdict', init: { acceptable: false, judge: 'gpt-judge' }, fields: [] },
    { name: 'the shadow call id', init: { decisionId: 'd-1:shadow' }, fields: [] },
    { name: 'no decision id', init: { decisionId: '' }, fields: ['decision_id'] },
    { name: 'a bad decision id', init: { decisionId: 'a b' }, fields: ['decision_id'] },
    { name: 'too long an id', init: { decisionId: 'x'.repeat(65) }, fields: ['decision_id'] },
    { name: 'no verdict', init: { acceptable: undefined }, fields: ['acceptable'] },
    { name: 'too long a judge', init: { judge: 'j'.repeat(64) }, fields: ['judge'] },
    { name: 'a control character', init: { judge: 'a\u0001b' }, fields: ['judge'] },
    {
      name: 'every bad field at once',
      init: { decisionId: '', acceptable: undefined, judge: 'j'.repeat(64) },
      fields: ['decision_id', 'acceptable', 'judge'],
    },
  ])('$name', ({ init, fields }) => {
    expect(shadowVerdictViolations(request(init)).map((x) => x.field)).toEqual(fields);
  });
});

describe('judgedDecisionId', () => {
  it.each([
    { id: 'd-1', judged: 'd-1' },
    { id: 'd-1:shadow', judged: 'd-1' },
    { id: 'a:b', judged: 'a:b' },
  ])('$id -> $judged', ({ id, judged }) => expect(judgedDecisionId(id)).toBe(judged));
});
