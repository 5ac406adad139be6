import type { GroupFigures } from './figures.js';
import { breakdown } from './row-math.js';
import { aCell, aPoint, figuresOf, USD, type Ledger } from './testing/ledger-cells.js';

const HOUR = new Date('2026-11-02T08:00:00Z');
const CENT = USD / 100n;
// ml/gpu: $10 for the hour, 4 request slots; its calls fill 6/10 of them: used $6 over 750
// tokens ($0.008 a token), $4 idle. ml/spare: $3, no traffic. ml/api: token-priced.
const ledger: Ledger = {
  window: { from: HOUR, to: new Date('2026-11-02T09:00:00Z') },
  capacity: {
    'ml/gpu': [aPoint(HOUR, 1, 10_000_000n)],
    'ml/spare': [aPoint(HOUR, 1, 3_000_000n, { tier: 'large' })],
  },
  prices: {
    'ml/api': [
      {
        effectiveFrom: HOUR,
        price: { kind: 'token', price: { inputPer1M: 0n, outputPer1M: 0n } },
      },
    ],
  },
  cells: [
    aCell(HOUR, 'a', 'ml/gpu', { inputTokens: 250n, latencyMs: 2_880_000n }),
    aCell(HOUR, 'b', 'ml/gpu', { inputTokens: 500n, latencyMs: 5_760_000n }),
    aCell(HOUR, 'b', 'ml/api', { inputTokens: 9n, costUsd: CENT }),
    aCell(HOUR, 'a', 'ml/gpu', { inputTokens: 250n, cacheKind: 'exact' }), // a hit: serves no tokens
  ],
};
const show = (rows: GroupFigures[]) =>
  rows.map((r) => [r.sums.values.join(','), breakdown(r).total / CENT, r.idleUsd / CENT]);
const tagTeam = (values: string[]) => [{ dimension: 'tag:team', values: new Set(values) }];

describe('aggregate', () => {
  it.each([
    // [name, query, rows as [values, cents, idle cents]]
    [
      'charges teams their used part; an admin sees idle under the model, other values empty',
      { groupBy: ['model', 'tag:team'] },
      [
        ['ml/gpu,a', 200n, 0n],
        ['ml/gpu,b', 400n, 0n],
        ['ml/api,b', 1n, 0n],
        ['ml/gpu,', 400n, 400n],
        ['ml/spare,', 300n, 300n],
      ],
    ],
    [
      'keeps only what the filters select',
      { groupBy: ['tag:team'], filters: tagTeam(['b']) },
      [['b', 401n, 0n]],
    ],
    [
      'merges idle into the row of the same bucket and values instead of repeating the key',
      { groupBy: [] },
      [['', 1301n, 700n]],
    ],
    [
      'drops idle lines a filter excludes',
      { groupBy: ['tier'], filters: [{ dimension: 'tier', values: new Set(['small']) }] },
      [['small', 1001n, 400n]], // ml/gpu's idle line has its tier; ml/spare's is large
    ],
    [
      'spreads idle over the calls by tokens with share_idle',
      { groupBy: ['tag:team'], shareIdle: true },
      [
        ['a', 333n, 133n],
        ['b', 667n, 266n],
        ['', 300n, 300n], // ml/spare's $3 and what the floors left of ml/gpu's $4
      ],
    ],
  ])('%s', (_name, query, rows) => {
    expect(show(figuresOf(ledger, query))).toEqual(rows);
  });

  it('leaves on the idle line what the floors of the shares did not give out', () => {
    const rows = figuresOf(ledger, { groupBy: ['model'], filters: tagTeam(['']), shareIdle: true });
    // a floor(4 x 250 / 750) = 1.333333333333, b 2.666666666666: one picodollar is left.
    expect(rows.map((r) => [r.sums.values[0], r.idleUsd])).toEqual([
      ['ml/gpu', 1n],
      ['ml/spare', 3n * USD],
    ]);
  });

  it('prices self-hosted cache hits at the model hour used cost per token for no-cache', () => {
    const [a] = figuresOf(ledger, { groupBy: ['tag:team'], filters: tagTeam(['a']) });
    expect(a?.noCacheSelfUsd).toBe(2n * USD);
  });
});
