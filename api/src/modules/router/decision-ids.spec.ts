import {
  DECISION_ID,
  decisionIdCandidates,
  ledgerDecisionId,
  REPORTED_DECISION_ID,
} from './decision-ids.js';

const TENANT = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const NAME_BASED = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CHOSEN_UUID = '3F2504E0-4F89-41D3-9A0C-0305E82C3301';

describe('ledgerDecisionId', () => {
  it.each([CHOSEN_UUID, 'ticket-42:1', 'a'])('maps %p to a name-based uuid', (id) => {
    expect(ledgerDecisionId(TENANT, id)).toMatch(NAME_BASED);
  });

  it.each([CHOSEN_UUID, 'ticket-42'])(
    'is stable per tenant and differs between tenants for %p',
    (id) => {
      const mine = ledgerDecisionId(TENANT, id);
      expect(ledgerDecisionId(TENANT, id)).toBe(mine);
      expect(ledgerDecisionId(OTHER, id)).not.toBe(mine);
      expect(ledgerDecisionId(TENANT, `${id}0`)).not.toBe(mine);
    },
  );
});

describe('decisionIdCandidates', () => {
  it.each([
    [CHOSEN_UUID, [ledgerDecisionId(TENANT, CHOSEN_UUID), CHOSEN_UUID.toLowerCase()]],
    ['ticket-42', [ledgerDecisionId(TENANT, 'ticket-42')]],
  ])('%p: its ledger id first, then the key a uuid had before', (id, expected) => {
    expect(decisionIdCandidates(TENANT, id)).toEqual(expected);
  });
});

describe('DECISION_ID and REPORTED_DECISION_ID', () => {
  it.each([
    ['a', true, true],
    ['A.b_c:d-9', true, true],
    ['x'.repeat(64), true, true],
    ['x'.repeat(65), false, false],
    [`${'x'.repeat(64)}:shadow`, false, true],
    [`${'x'.repeat(65)}:shadow`, false, false],
    ['', false, false],
    ['has space', false, false],
    ['slash/no', false, false],
  ])('%p -> %p, %p', (id, chosen, reported) => {
    expect(DECISION_ID.test(id)).toBe(chosen);
    expect(REPORTED_DECISION_ID.test(id)).toBe(reported);
  });
});
