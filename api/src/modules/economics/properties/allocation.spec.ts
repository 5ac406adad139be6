import fc from 'fast-check';
import type { Window } from '../../ledger/capacity-cost.js';
import { capacityCost, knownUntil } from '../../ledger/capacity-cost.js';
import { hoursOf, type Bucketing } from '../window.js';
import { addFigures, ADMIN, figuresOf, MONEY, omit, queryArb, sharedByBucket } from './queries.js';
import { report } from './report.js';
import { worldArb, type World } from './world.js';
import { RUNS } from './runs.js';

// Properties of README "Allocation" over random ledgers (runs.ts: seed, runs, replaying).

const sumRows = (rows: ReadonlyArray<Record<string, bigint>>, zero: Record<string, bigint>) =>
  rows.reduce((sum, row) => addFigures(sum, row), zero);
const zeroOf = (figures: Record<string, bigint>) =>
  Object.fromEntries(Object.keys(figures).map((key) => [key, 0n]));

/** GPU cost as README "Allocation" defines it: capacityCost of each model hour, known at now. */
function gpuCost(world: World, window: Window, now: Date): bigint {
  let total = 0n;
  for (const points of world.capacity.values()) {
    const known = knownUntil(points, now);
    for (const hour of hoursOf(window)) total += capacityCost(known, hour);
  }
  return total;
}

describe('allocation properties (README "Allocation")', () => {
  it('rows add up to the total, and the total is the same whatever the grouping', () => {
    fc.assert(
      fc.property(worldArb, queryArb, (world, query) => {
        const grouped = report(world, query);
        const total = figuresOf(grouped.total);
        expect(sumRows(grouped.rows.map(figuresOf), zeroOf(total))).toEqual(total);
        expect(total).toEqual(figuresOf(report(world, { ...query, groupBy: [] }).total));
      }),
      RUNS,
    );
  });

  it('the total does not depend on the buckets', () => {
    // share_idle spreads each bucket's idle over its own traffic: a team's part depends on the
    // buckets by design; only the whole (unscoped admin) does not.
    const query = queryArb.map((q) => (q.shareIdle ? { ...q, who: ADMIN } : q));
    fc.assert(
      fc.property(worldArb, query, (world, query) => {
        const total = (bucketing: Bucketing) => {
          const figures = figuresOf(report(world, { ...query, bucketing }).total);
          return omit(figures, sharedByBucket(query.shareIdle));
        };
        expect(total('hour')).toEqual(total('none'));
      }),
      RUNS,
    );
  });

  it('no cost is negative, token kinds add up to the total, external + self-hosted = total', () => {
    fc.assert(
      fc.property(worldArb, queryArb, (world, query) => {
        const { rows, total } = report(world, query);
        for (const row of [...rows, total].map(figuresOf)) {
          for (const key of MONEY) expect([key, row[key]! >= 0n]).toEqual([key, true]);
          expect(row.input! + row.cached! + row.output!).toBe(row.total);
          expect(row.external! + row.selfHosted!).toBe(row.total);
          expect(row.used! + row.idle!).toBe(row.selfHosted);
          expect(row.sharedIdle! <= row.idle!).toBe(true);
          if (!query.shareIdle) expect(row.sharedIdle).toBe(0n);
          expect(row.shadow! <= row.actual!).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("for an unscoped admin, used + idle is the models' GPU cost, and so is fully loaded", () => {
    fc.assert(
      fc.property(worldArb, queryArb, (world, query) => {
        const { window, now } = query;
        const total = figuresOf(report(world, { ...query, who: ADMIN }).total);
        const gpu = gpuCost(world, window, now);
        expect(total.used! + total.idle!).toBe(gpu);
        expect(total.fullyLoaded! - total.external!).toBe(gpu);
      }),
      RUNS,
    );
  });
});
