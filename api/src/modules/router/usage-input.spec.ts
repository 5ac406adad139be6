import { create } from '@bufbuild/protobuf';
import { UsageReportSchema, UsageStatus } from '@sluice/proto';
import type { DecisionRecord } from '../ledger/ledger-events.repository.js';
import { toLedgerUsage, usageReportViolations } from './usage-input.js';
import { fromDecisionRecord } from './routed-decision.js';
import { decisionRecord } from '../../testing/decision-record.js';

const record = decisionRecord('6f1c1d7e-9a55-4b7e-8a3e-2f4a1d0c9b11');
const wireInit = {
  decisionId: 'd-1:shadow',
  inputTokens: 100,
  cachedInputTokens: 40,
  outputTokens: 10,
  status: UsageStatus.OK,
};
const wire = create(UsageReportSchema, wireInit);
const now = new Date('2026-11-02T10:00:01Z');

describe('toLedgerUsage', () => {
  it.each<[string, Partial<DecisionRecord>, boolean]>([
    ['a shadow decision marks its usage', { shadow: true }, true],
    ['an ordinary decision leaves it unmarked', {}, false],
    ['a decision read back unmarked leaves it unmarked', { shadow: false }, false],
  ])('%s', (_label, change, shadow) => {
    const routed = fromDecisionRecord({ ...record, ...change });
    const report = toLedgerUsage(wire, routed, record, now);
    expect(report.shadow === true).toBe(shadow);
    expect(report).toMatchObject({
      inputTokens: 60,
      cachedInputTokens: 40,
      idempotencyKey: 'd-1:shadow',
    });
  });
});

describe('usageReportViolations', () => {
  const fields = (change: Parameters<typeof create<typeof UsageReportSchema>>[1]) =>
    usageReportViolations(create(UsageReportSchema, { ...wireInit, ...change }), now).map(
      (v) => v.field,
    );

  it.each([
    ['a model named as Kubernetes names it', { model: { name: 'gpt-4o.mini' } }, []],
    ['a model without a name', { model: { namespace: 'default' } }, ['usage.model.name']],
    ['a 100 kB model name', { model: { name: 'm'.repeat(100_000) } }, ['usage.model.name']],
    ['a model name with a newline', { model: { name: 'a\nb' } }, ['usage.model.name']],
    [
      'a model namespace that is no DNS label',
      { model: { namespace: 'Team_A', name: 'gpt-4o' } },
      ['usage.model.namespace'],
    ],
    [
      "the shadow of a 64-character id (Route's own name)",
      { decisionId: `${'d'.repeat(64)}:shadow` },
      [],
    ],
    ['a 65-character id', { decisionId: 'd'.repeat(65) }, ['usage.decision_id']],
  ])('%s', (_label, change, expected) => {
    expect(fields(change)).toEqual(expected);
  });
});
