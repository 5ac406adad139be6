import type { OutcomeFact } from './economics.repository.js';
import { outcomeGroupKey, outcomesGroupable, outcomeTotals } from './outcomes.js';

const fact = (name: string, quantity: bigint, team: string, valueUsd = 0n): OutcomeFact => ({
  name,
  quantity,
  valueUsd,
  tags: { team },
  linked: [],
});

describe('outcomeTotals', () => {
  it.each<[string, OutcomeFact[], Array<[string, bigint, bigint, bigint]>]>([
    ['one report of one outcome', [fact('ticket', 1n, 'a', 5n)], [['ticket', 1n, 5n, 7n]]],
    [
      'a report counting twelve adds twelve; values add per report',
      [fact('docs', 12n, 'a', 6n), fact('docs', 1n, 'a', 1n)],
      [['docs', 13n, 7n, 14n]],
    ],
    [
      'names are counted apart',
      [fact('docs', 3n, 'a'), fact('ticket', 2n, 'a')],
      [
        ['docs', 3n, 0n, 7n],
        ['ticket', 2n, 0n, 7n],
      ],
    ],
  ])('%s', (_name, facts, expected) => {
    const totals =
      outcomeTotals(
        facts,
        () => '*',
        () => 7n,
      ).get('*') ?? [];
    expect(totals.map((t) => [t.name, t.count, t.valueUsd, t.linkedUsd])).toEqual(expected);
  });

  it('keys by the tag values of the group', () => {
    const facts = [fact('docs', 4n, 'a'), fact('docs', 5n, 'b'), fact('docs', 6n, 'a')];
    const groupBy = ['tag:team'];
    expect(outcomesGroupable(groupBy)).toBe(true);
    expect(outcomesGroupable(['model', 'tag:team'])).toBe(false);
    const totals = outcomeTotals(
      facts,
      (o) => outcomeGroupKey(groupBy, o),
      () => 0n,
    );
    expect([...totals].map(([key, t]) => [key, t[0]?.count])).toEqual([
      ['["a"]', 10n],
      ['["b"]', 5n],
    ]);
  });
});
