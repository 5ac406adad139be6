import { breakdown } from './row-math.js';
import {
  aCell,
  aPoint,
  byFirstValue,
  figuresOf,
  viewOf,
  type Ledger,
} from './testing/ledger-cells.js';

const at = (hhmm: string) => new Date(`2026-03-01T${hhmm}:00Z`);
const L4 = 'ml/l4';

// README "Allocation", worked example: 1 replica of 1 L4 at $0.80/h, maxNumSeqs 4, 10:00-12:00.
// 10:00: team a 2 calls (60 000 ms, 1 000 tokens), team b 1 call (90 000 ms, 3 000 tokens).
const example: Ledger = {
  window: { from: at('10:00'), to: at('12:00') },
  capacity: { [L4]: [aPoint(at('10:00'), 1, 800_000n), aPoint(at('12:00'), 0, 800_000n)] },
  cells: [
    aCell(at('10:00'), 'a', L4, {
      inputTokens: 800n,
      requests: 2n,
      outputTokens: 200n,
      latencyMs: 60_000n,
    }),
    aCell(at('10:00'), 'b', L4, {
      inputTokens: 2000n,
      cachedInputTokens: 500n,
      outputTokens: 500n,
      latencyMs: 90_000n,
    }),
  ],
};
const byTeam = (ledger: Ledger, shareIdle: boolean, admin = true) =>
  byFirstValue(figuresOf(ledger, { groupBy: ['tag:team'], shareIdle, admin }), (row) => [
    breakdown(row).total,
    row.usedUsd,
    row.idleUsd,
  ]);

describe('the allocation (README worked example)', () => {
  it('splits each model hour into used and idle by request time over capacity', () => {
    const [ten, eleven] = viewOf(example).modelHours(L4);
    expect(ten).toMatchObject({
      costUsd: 800_000_000_000n,
      capacityMs: 14_400_000n,
      requestMs: 150_000n,
      servedTokens: 4000n,
      usedUsd: 8_333_333_333n, // 0.8 x 150 000 / 14 400 000, half up
      idleUsd: 791_666_666_668n, // 0.8 - (a 0.002083333333 + b 0.006249999999)
    });
    expect(eleven).toMatchObject({
      requestMs: 0n,
      servedTokens: 0n,
      usedUsd: 0n,
      idleUsd: 800_000_000_000n,
    });
  });

  it('charges teams their used part and keeps idle a line of its own', () => {
    expect(byTeam(example, false)).toEqual({
      a: [2_083_333_333n, 2_083_333_333n, 0n],
      b: [6_249_999_999n, 6_249_999_999n, 0n],
      '': [1_591_666_666_668n, 0n, 1_591_666_666_668n],
    });
  });

  it('spreads idle over the window by tokens with share_idle, nothing left over here', () => {
    expect(byTeam(example, true)).toEqual({
      a: [2_083_333_333n + 397_916_666_667n, 2_083_333_333n, 397_916_666_667n],
      b: [6_249_999_999n + 1_193_750_000_001n, 6_249_999_999n, 1_193_750_000_001n],
    });
  });

  it('shows a team the same figures as the admin, never an idle line', () => {
    const teamA = example.cells.filter((c) => c.tags.team === 'a');
    const [row] = figuresOf(example, { groupBy: ['tag:team'], admin: false, read: teamA });
    expect(row && [breakdown(row).total, row.loadedIdleUsd]).toEqual([
      2_083_333_333n,
      397_916_666_667n,
    ]);
  });

  it('books the whole GPU cost with and without sharing, kinds adding up', () => {
    for (const shareIdle of [false, true]) {
      const rows = figuresOf(example, { groupBy: ['tag:team'], shareIdle });
      const total = rows.map(breakdown).reduce((sum, b) => sum + b.total, 0n);
      expect(total).toBe(1_600_000_000_000n);
      for (const b of rows.map(breakdown)) expect(b.input + b.cached + b.output).toBe(b.total);
    }
  });
});
