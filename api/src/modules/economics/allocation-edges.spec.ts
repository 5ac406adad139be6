import { breakdown } from './row-math.js';
import { savings } from './savings.js';
import {
  aCell,
  aPoint,
  byFirstValue,
  figuresOf,
  viewOf,
  type Ledger,
} from './testing/ledger-cells.js';

const at = (hhmm: string) => new Date(`2026-03-01T${hhmm}:00Z`);
const GPU = 'ml/gpu';
const window = { from: at('10:00'), to: at('12:00') };
// $1 an hour from 10:00, one replica holding 4 requests at once.
const capacity = { [GPU]: [aPoint(at('10:00'), 1, 1_000_000n, { tier: 'medium' })] };
const ledger = (cells: Ledger['cells']): Ledger => ({ window, capacity, cells });

describe('allocation rounding', () => {
  it.each([
    // tokens of three cells (11:00 has none), request ms: floors never charge more than used
    [[1n, 1n, 1n], 3_000n],
    [[7n, 11n, 13n], 1_234_567n],
    [[1n, 0n, 999_999n], 14_400_000n], // D = K: the whole hour is used
    [[2n, 3n, 5n], 99_000_000n], // D above K: capped, used = C
  ])('cells %j with %d ms of request time', (tokens, requestMs) => {
    const cells = tokens.map((t, i) =>
      aCell(at('10:00'), `t${i}`, GPU, {
        inputTokens: t,
        outputTokens: t,
        latencyMs: requestMs / 3n,
      }),
    );
    const [ten, eleven] = viewOf(ledger(cells)).modelHours(GPU);
    expect(ten && eleven).toBeDefined();
    if (ten === undefined || eleven === undefined) return;
    const rows = figuresOf(ledger(cells), { groupBy: ['tag:team'], admin: false });
    const charged = rows.reduce((sum, r) => sum + r.usedUsd, 0n);
    expect(charged).toBeLessThanOrEqual(ten.usedUsd);
    expect(ten.usedUsd).toBeLessThanOrEqual(ten.costUsd);
    expect(ten.idleUsd).toBe(ten.costUsd - charged);
    expect(ten.idleUsd).toBeGreaterThanOrEqual(0n);
    for (const b of rows.map(breakdown)) expect(b.input + b.cached + b.output).toBe(b.total);
    if (requestMs >= ten.capacityMs) expect(ten.usedUsd).toBe(ten.costUsd);
    expect(eleven.idleUsd).toBe(eleven.costUsd);
  });

  it('leaves idle on its line when nobody used the model, tier from the capacity history', () => {
    const [line] = figuresOf(ledger([]), {
      groupBy: ['model', 'tier', 'provider', 'tag:team'],
      shareIdle: true,
    });
    expect(line?.sums.values).toEqual([GPU, 'medium', 'vllm', '']);
    expect(line && [line.idleUsd, line.selfHostedUsd, line.usedUsd]).toEqual([
      2n * 10n ** 12n,
      2n * 10n ** 12n,
      0n,
    ]);
  });

  it.each([
    // bucketing, per bucket [tier, idle $ left on the line with share_idle]
    ['none', [['medium', 0n]]], // 11:00's idle is shared over the window's calls
    [
      'hour',
      [
        ['small', 0n],
        ['medium', 10n ** 12n], // no call in that bucket: T = 0, all of I stays a line
      ],
    ],
  ] as const)(
    'shares idle per %s bucket, the line keeping the latest hour tier',
    (bucketing, lines) => {
      const changed = {
        [GPU]: [
          aPoint(at('10:00'), 1, 1_000_000n, { tier: 'small' }),
          aPoint(at('11:00'), 1, 1_000_000n, { tier: 'medium' }),
        ],
      };
      const cells = [aCell(at('10:00'), 'a', GPU, { inputTokens: 3n, latencyMs: 1_000n })];
      const read = { window, capacity: changed, cells, bucketing };
      for (const shareIdle of [false, true]) {
        const rows = figuresOf(read, { groupBy: ['tier', 'tag:team'], shareIdle });
        const idle = rows.filter((r) => r.sums.values[1] === '').map((r) => r.sums.values[0]);
        const left = lines.filter(([, usd]) => !shareIdle || usd > 0n).map(([tier]) => tier);
        expect(idle).toEqual(left);
        expect(rows.reduce((sum, r) => sum + r.selfHostedUsd, 0n)).toBe(2n * 10n ** 12n);
      }
      const buckets = figuresOf(read, { shareIdle: true });
      const sum = (f: (r: (typeof buckets)[number]) => bigint) =>
        buckets.reduce((all, r) => all + f(r), 0n);
      const unshared = lines.reduce((all, [, usd]) => all + usd, 0n);
      expect(sum((r) => r.idleUsd)).toBe(sum((r) => r.sharedIdleUsd) + unshared);
    },
  );

  it('merges the idle line into the model row: used + idle is the GPU cost', () => {
    const cells = [aCell(at('10:00'), 'a', GPU, { inputTokens: 100n, latencyMs: 600_000n })];
    const [row] = figuresOf(ledger(cells), { groupBy: ['model'] });
    expect(row && [row.selfHostedUsd, row.usedUsd + row.idleUsd]).toEqual([
      2n * 10n ** 12n,
      2n * 10n ** 12n,
    ]);
  });

  it('prices a self-hosted cache hit at its model hour used cost per token, 0 when it served none', () => {
    const cells = [
      aCell(at('10:00'), 'a', GPU, { inputTokens: 100n, latencyMs: 1_440_000n }), // 1/10 of K: used $0.10
      aCell(at('10:00'), 'a', GPU, { inputTokens: 30n, cacheKind: 'exact' }),
      aCell(at('11:00'), 'a', GPU, { inputTokens: 30n, cacheKind: 'semantic' }),
    ];
    const [row] = figuresOf(ledger(cells), { admin: false });
    expect(row?.noCacheSelfUsd).toBe(30_000_000_000n); // floor(0.10 x 30 / 100)
    expect(row?.usedUsd).toBe(100_000_000_000n);
  });

  it('splits a cell over its policy parts by tokens, the last by name taking the rest', () => {
    const parts = [
      aCell(at('10:00'), 'a', GPU, { inputTokens: 1n, policy: 'ml/b', latencyMs: 1_000_000n }),
      aCell(at('10:00'), 'a', GPU, { inputTokens: 1n, policy: 'ml/a', latencyMs: 1_000_000n }),
      aCell(at('10:00'), 'a', GPU, { inputTokens: 1n, policy: '', latencyMs: 1_000_000n }),
    ];
    const whole = figuresOf(ledger(parts), { admin: false, shareIdle: true });
    const byPolicy = figuresOf(ledger(parts), {
      groupBy: ['policy'],
      admin: false,
      shareIdle: true,
    });
    const used = byFirstValue(byPolicy, (r) => r.usedUsd);
    const third = (whole[0]?.usedUsd ?? 0n) / 3n;
    expect(used).toEqual({
      '': third,
      'ml/a': third,
      'ml/b': (whole[0]?.usedUsd ?? 0n) - 2n * third,
    });
    const sum = (f: (r: (typeof byPolicy)[number]) => bigint) =>
      byPolicy.reduce((s, r) => s + f(r), 0n);
    expect(sum((r) => breakdown(r).total)).toBe(whole[0] && breakdown(whole[0]).total);
    expect(sum((r) => r.selfHosted.input)).toBe(whole[0]?.selfHosted.input);
  });

  it('keeps marginal above fully loaded savings and fully loaded equal for both share modes', () => {
    const cells = [
      aCell(at('10:00'), 'a', GPU, {
        inputTokens: 100n,
        latencyMs: 600_000n,
        baselineCostUsd: 10n ** 12n,
      }),
      aCell(at('10:00'), 'b', GPU, {
        inputTokens: 300n,
        latencyMs: 600_000n,
        baselineCostUsd: 10n ** 12n,
      }),
    ];
    for (const admin of [true, false]) {
      const plain = figuresOf(ledger(cells), { groupBy: ['tag:team'], admin });
      const shared = figuresOf(ledger(cells), { groupBy: ['tag:team'], admin, shareIdle: true });
      const loaded = (rows: typeof plain) => byFirstValue(rows, (r) => savings(r).fullyLoaded);
      const teams = (rows: typeof plain) => [loaded(rows).a, loaded(rows).b];
      expect(teams(shared)).toEqual(teams(plain));
      for (const s of plain.map(savings)) expect(s.marginal).toBeLessThanOrEqual(s.fullyLoaded);
    }
  });
});
