import { GrpcStatus } from '../../grpc/sluice-error.js';
import { budgetError, spentThisMonth, type TokenSpendSnapshot } from './token-spend.js';

const NOW = new Date('2026-12-07T10:00:00Z');
const snapshot: TokenSpendSnapshot = { month: '2026-12', spent: new Map([['k1', 7_000_000n]]) };

describe('spentThisMonth', () => {
  const NEXT_MONTH = new Date('2027-01-01T00:00:01Z');
  it.each<[TokenSpendSnapshot | undefined, string, Date, bigint | undefined]>([
    [undefined, 'k1', NOW, undefined], // no read yet
    [snapshot, 'k1', NOW, 7_000_000n],
    [snapshot, 'k2', NOW, 0n], // spent nothing
    [snapshot, 'k1', NEXT_MONTH, 0n], // a read of last month says nothing of this one
  ])('snapshot %#, token %s', (snap, token, now, expected) => {
    expect(spentThisMonth(snap, token, now)).toBe(expected);
  });
});

describe('budgetError', () => {
  const token = (monthlyBudgetUsd: string) => ({ name: 'team-x', monthlyBudgetUsd });
  it.each<[string, bigint | undefined, boolean]>([
    ['10.000000000000', undefined, false], // spend unknown: not enforced yet
    ['10.000000000000', 0n, false],
    ['10.000000000000', 9_999_999_999_999n, false],
    ['10.000000000000', 10_000_000_000_000n, true], // reached counts as spent
    ['10', 10_000_000_000_001n, true],
    ['0.000000000001', 1n, true],
  ])('budget %s, spent %s picos -> exhausted %s', (budget, spent, exhausted) => {
    expect(budgetError(token(budget), spent) !== undefined).toBe(exhausted);
  });

  it('names the token, its spend and its budget', () => {
    expect(budgetError(token('10.000000000000'), 12_500_000_000_000n)).toMatchObject({
      code: GrpcStatus.RESOURCE_EXHAUSTED,
      message: expect.stringMatching(
        /"team-x" has spent \$12\.5 of its monthly budget of \$10;/,
      ) as string,
    });
  });
});
