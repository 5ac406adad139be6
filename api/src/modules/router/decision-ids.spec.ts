import { DECISION_ID, ledgerDecisionId } from './decision-ids.js';

const TENANT = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('ledgerDecisionId', () => {
  it.each([
    ['3F2504E0-4F89-41D3-9A0C-0305E82C3301', '3f2504e0-4f89-41d3-9a0c-0305e82c3301'],
    ['ticket-42:1', expect.stringMatching(UUID)],
    ['a', expect.stringMatching(UUID)],
  ])('maps %p to a uuid', (id, expected) => {
    expect(ledgerDecisionId(TENANT, id)).toEqual(expected);
  });

  it('is stable per tenant and differs between tenants and ids', () => {
    const id = ledgerDecisionId(TENANT, 'ticket-42');
    expect(ledgerDecisionId(TENANT, 'ticket-42')).toBe(id);
    expect(ledgerDecisionId(OTHER, 'ticket-42')).not.toBe(id);
    expect(ledgerDecisionId(TENANT, 'ticket-43')).not.toBe(id);
  });
});

describe('DECISION_ID', () => {
  it.each([
    ['a', true],
    ['A.b_c:d-9', true],
    ['x'.repeat(64), true],
    ['x'.repeat(65), false],
    ['', false],
    ['has space', false],
    ['slash/no', false],
  ])('%p -> %p', (id, ok) => {
    expect(DECISION_ID.test(id)).toBe(ok);
  });
});
