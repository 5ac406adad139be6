import { budgetTags, monthToDate, spendSnapshot, usdToMicrosCeil } from './spend-snapshot.js';
import type { CompiledPolicy } from '../routing/engine/index.js';

describe('usdToMicrosCeil', () => {
  it.each<[string, bigint | undefined]>([
    ['0', 0n],
    ['12.5', 12_500_000n],
    ['0.000001', 1n],
    ['0.0000001', 1n], // a fraction of a micro-dollar rounds up: budgets never under-count
    ['0.000001000000', 1n],
    ['4000.123456789012', 4_000_123_457n],
    ['-1.5', -1_500_000n],
    ['', undefined],
    ['1e3', undefined],
    ['12,50', undefined],
  ])('%j -> %s', (text, micros) => {
    expect(usdToMicrosCeil(text)).toBe(micros);
  });
});

describe('budgetTags', () => {
  const policy = (...tags: Array<[string, string]>) =>
    ({
      budgets: tags.map(([tagKey, tagValue]) => ({ tagKey, tagValue })),
    }) as unknown as CompiledPolicy;

  it('collects every budget tag of every policy, by key', () => {
    const tags = budgetTags([
      policy(['team', 'search'], ['team', 'ads']),
      policy(['product', 'chat'], ['team', 'search']),
    ]);
    expect([...tags].map(([k, v]) => [k, [...v].sort()])).toEqual([
      ['team', ['ads', 'search']],
      ['product', ['chat']],
    ]);
  });

  it('is empty without budgets', () => {
    expect(budgetTags([policy()]).size).toBe(0);
  });
});

describe('monthToDate and spendSnapshot', () => {
  it('starts the window at the UTC month start, whatever the local zone', () => {
    const now = new Date('2026-03-01T00:30:00+02:00'); // still February in UTC
    expect(monthToDate(now).start.toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect(spendSnapshot(now, new Map()).month).toBe('2026-02');
  });

  it('copies the totals, so later changes to the source map do not leak in', () => {
    const totals = new Map([['team=search', 5n]]);
    const snapshot = spendSnapshot(new Date('2026-11-28T10:00:00Z'), totals);
    totals.set('team=search', 9n);
    expect(snapshot.spentMicros.get('team=search')).toBe(5n);
  });
});
