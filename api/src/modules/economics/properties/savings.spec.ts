import fc from 'fast-check';
import { ADMIN, figuresOf, queryArb } from './queries.js';
import { report } from './report.js';
import { worldArb } from './world.js';
import { RUNS } from './runs.js';

// README "Allocation" 7: savings against the all-frontier baseline, marginal and fully loaded.

describe('savings properties (README "Allocation" 7)', () => {
  it('marginal savings are at least the fully loaded savings, for every row and the total', () => {
    fc.assert(
      fc.property(worldArb, queryArb, (world, query) => {
        const { rows, total } = report(world, query);
        for (const row of [...rows, total].map(figuresOf)) {
          const savedMarginal = row.frontier! - row.marginal!;
          const savedFullyLoaded = row.frontier! - row.fullyLoaded!;
          expect(savedMarginal >= savedFullyLoaded).toBe(true);
          expect(row.marginal).toBe(row.external! + row.used!);
        }
      }),
      RUNS,
    );
  });

  it('with share_idle, what a row is charged is its fully loaded cost', () => {
    fc.assert(
      fc.property(worldArb, queryArb, (world, query) => {
        const { rows, total } = report(world, { ...query, shareIdle: true });
        for (const row of [...rows, total].map(figuresOf)) expect(row.actual).toBe(row.fullyLoaded);
      }),
      RUNS,
    );
  });

  it("an unscoped admin's total is fully loaded whether idle is shared or not", () => {
    fc.assert(
      fc.property(worldArb, queryArb, (world, query) => {
        const whole = (shareIdle: boolean) =>
          figuresOf(report(world, { ...query, who: ADMIN, groupBy: [], shareIdle }).total);
        const [kept, shared] = [whole(false), whole(true)];
        expect(kept.actual).toBe(kept.fullyLoaded);
        expect(shared.fullyLoaded).toBe(kept.fullyLoaded);
      }),
      RUNS,
    );
  });
});
