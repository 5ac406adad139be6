import { applyBudgets, monthOf, type SpendSnapshot } from './budget.js';
import { isRouteError } from './errors.js';
import { examplePolicy } from './testing/examples.js';

const now = new Date('2026-11-15T12:00:00Z');
const spend = (usd: bigint, tag = 'team=search', month = '2026-11'): SpendSnapshot => ({
  month,
  spentMicros: new Map([[tag, usd * 1_000_000n]]),
});
const search = { team: 'search' };

describe('monthOf', () => {
  it.each([
    ['2026-11-15T12:00:00Z', '2026-11'],
    ['2026-11-30T23:59:59.999Z', '2026-11'],
    ['2026-12-01T00:00:00Z', '2026-12'],
    ['2026-12-31T23:30:00-02:00', '2027-01'],
    ['2027-01-01T00:30:00+01:00', '2026-12'],
  ])('puts %s in UTC month %s', (at, month) => {
    expect(monthOf(new Date(at))).toBe(month);
  });
});

describe('applyBudgets (downgrade, the example policy)', () => {
  const policy = examplePolicy().compiled();

  interface Case {
    label: string;
    tier: string;
    tags: Record<string, string>;
    figures: SpendSnapshot | undefined;
    expected: string;
  }
  const at = (label: string, tier: string, figures: SpendSnapshot | undefined, expected: string) =>
    ({ label, tier, tags: search, figures, expected }) satisfies Case;

  it.each<Case>([
    at('under the threshold', 'frontier', spend(3999n), 'frontier'),
    at('at exactly the threshold', 'frontier', spend(4000n), 'small'),
    at('past the budget', 'medium', spend(7000n), 'small'),
    at('already on the budget tier', 'small', spend(4500n), 'small'),
    { ...at('another team', 'frontier', spend(4500n), 'frontier'), tags: { team: 'ads' } },
    { ...at('no team tag', 'frontier', spend(4500n), 'frontier'), tags: {} },
    at('spend of another tag only', 'frontier', spend(9000n, 'team=ads'), 'frontier'),
    at('no spend figures', 'frontier', undefined, 'frontier'),
    at(
      "last month's figures (a new month began)",
      'frontier',
      spend(4500n, 'team=search', '2026-10'),
      'frontier',
    ),
  ])('$label: a query headed for $tier goes to $expected', ({ tier, tags, figures, expected }) => {
    const outcome = applyBudgets(policy, { tier, tags }, figures, now);
    expect(isRouteError(outcome) ? outcome.message : outcome.tier).toBe(expected);
  });

  it('says which budget moved the query and how far it is spent', () => {
    expect(applyBudgets(policy, { tier: 'frontier', tags: search }, spend(4100n), now)).toEqual({
      tier: 'small',
      downgrade: { budget: 'search-team', fromTier: 'frontier', toTier: 'small', percentSpent: 82 },
    });
  });
});

describe('applyBudgets (reject)', () => {
  const policy = examplePolicy()
    .budget({
      name: 'ads-hard-cap',
      tag: { key: 'team', value: 'ads' },
      monthlyUSD: '1000.50',
      thresholdPercent: 100,
      action: 'reject',
    })
    .budget({
      name: 'search-cap',
      tag: { key: 'team', value: 'search' },
      monthlyUSD: '6000',
      action: 'reject',
    })
    .compiled();

  it('rejects past the threshold, naming the budget', () => {
    expect(
      applyBudgets(policy, { tier: 'small', tags: { team: 'ads' } }, spend(1001n, 'team=ads'), now),
    ).toEqual({
      kind: 'error',
      code: 'RESOURCE_EXHAUSTED',
      message:
        'budget ads-hard-cap exhausted: team=ads spent $1001.00 of $1000.50 this month (100% >= 100%)',
    });
  });

  it('lets the query through just under the threshold', () => {
    const outcome = applyBudgets(
      policy,
      { tier: 'small', tags: { team: 'ads' } },
      spend(1000n, 'team=ads'),
      now,
    );
    expect(outcome).toEqual({ tier: 'small', downgrade: undefined });
  });

  it('rejects when any exhausted budget rejects, even after one that downgrades', () => {
    const outcome = applyBudgets(policy, { tier: 'frontier', tags: search }, spend(5000n), now);
    expect(isRouteError(outcome) && outcome.message).toContain('budget search-cap exhausted');
  });
});
