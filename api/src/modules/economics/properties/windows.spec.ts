import fc from 'fast-check';
import type { Visibility } from '../economics.repository.js';
import type { GroupFigures } from '../figures.js';
import {
  addFigures,
  ADMIN,
  closedArb,
  figuresOf,
  instantArb,
  nowArb,
  omit,
  askArb,
  sharedByBucket,
} from './queries.js';
import { report, type ReportQuery } from './report.js';
import {
  capacityPointArb,
  HOUR_MS,
  priced,
  rowShapeArb,
  SELF_HOSTED,
  SPAN_HOURS,
  worldArb,
  type World,
} from './world.js';
import { RUNS } from './runs.js';

// Properties of windows (README "Allocation" 8, SPEC 4: a closed period never changes).

/** Rows by bucket (when buckets are hours: the same in any window) and group values. */
function byKey(
  rows: readonly GroupFigures[],
  hourly: boolean,
  leaveOut: readonly string[] = [],
): Map<string, Record<string, bigint>> {
  const keyed = new Map<string, Record<string, bigint>>();
  for (const row of rows) {
    const key = JSON.stringify([hourly ? row.sums.bucket.getTime() : 0, row.sums.values]);
    const figures = omit(figuresOf(row), leaveOut);
    const same = keyed.get(key);
    keyed.set(key, same === undefined ? figures : addFigures(same, figures));
  }
  return keyed;
}

const sorted = (rows: Map<string, Record<string, bigint>>) =>
  [...rows].sort(([a], [b]) => a.localeCompare(b));

/** A window with an hour boundary strictly inside it, and that boundary. */
const splitArb = fc
  .record({
    from: instantArb(-1, SPAN_HOURS),
    hoursAfter: fc.integer({ min: 0, max: 2 }),
    tail: fc.oneof(
      fc.integer({ min: 1, max: 3 }).map((h) => h * HOUR_MS),
      fc.integer({ min: 1, max: 3 * HOUR_MS }),
    ),
  })
  .map(({ from, hoursAfter, tail }) => {
    const boundary = (Math.floor(from / HOUR_MS) + 1 + hoursAfter) * HOUR_MS;
    return { from: new Date(from), boundary: new Date(boundary), to: new Date(boundary + tail) };
  });

/**
 * Traffic stops at `quiet`; the first read ends its window and its clock after it, the second
 * read later still, and its window at the same end or further. Capacity goes on changing after
 * `quiet` (autoscaling, a new GPU price): the teams' figures must not follow it.
 */
const growingArb = fc
  .record({
    from: instantArb(-1, SPAN_HOURS),
    quiet: fc.oneof(
      fc.integer({ min: 1, max: 5 * 60_000 }),
      fc.integer({ min: 1, max: 3 * HOUR_MS }),
    ),
    end: fc.array(fc.integer({ min: 0, max: 2 * HOUR_MS }), { minLength: 4, maxLength: 4 }),
    // A last call just before `quiet`, so that the hour traffic stops in often has some.
    last: fc.record({ before: fc.integer({ min: 1, max: 10 * 60_000 }), shape: rowShapeArb }),
    changes: fc.array(
      fc.tuple(
        fc.constantFrom(...SELF_HOSTED),
        fc.integer({ min: 0, max: 30 * 60_000 }),
        capacityPointArb,
      ),
      { maxLength: 2 },
    ),
  })
  .map(({ from, quiet, end: [to1 = 0, more = 0, now1 = 0, later = 0], last, changes }) => {
    const q = from + quiet;
    return {
      from: new Date(from),
      quiet: new Date(q),
      last: { ...last.shape, at: new Date(Math.max(from, q - last.before)) },
      changes: changes.map(([model, after, point]) => ({
        model,
        point: { ...point, observedAt: new Date(q + after) },
      })),
      first: { to: new Date(q + to1), now: new Date(q + now1) },
      second: { to: new Date(q + to1 + more), now: new Date(q + now1 + later) },
    };
  });

type Growing = typeof growingArb extends fc.Arbitrary<infer G> ? G : never;

/** The world with no traffic from `quiet` on, and the capacity changes after it. */
function quietFrom(world: World, { quiet, last, changes }: Growing): World {
  const capacity = new Map(world.capacity);
  for (const { model, point } of changes)
    capacity.set(model, [...(capacity.get(model) ?? []), point]);
  return {
    ...world,
    capacity,
    rows: [
      ...world.rows.filter((row) => row.at.getTime() < quiet.getTime()),
      priced(last, world.prices),
    ],
  };
}

describe('window properties', () => {
  it("splitting a window at an hour adds up: each row's figures are its two parts' sum", () => {
    // share_idle spreads a bucket's idle over the bucket's traffic (the whole window without
    // buckets): only the whole, an unscoped admin's total, must add up then.
    const split = fc
      .tuple(askArb, nowArb)
      .map(([q, now]) => ({ ...(q.shareIdle ? { ...q, who: ADMIN, groupBy: [] } : q), now }));
    fc.assert(
      fc.property(worldArb, splitArb, split, (world, { from, boundary, to }, query) => {
        const shared = sharedByBucket(query.shareIdle);
        const run = (window: ReportQuery['window']) =>
          byKey(report(world, { ...query, window }).rows, query.bucketing === 'hour', shared);
        const parts = run({ from, to: boundary });
        for (const [key, figures] of run({ from: boundary, to })) {
          const same = parts.get(key);
          parts.set(key, same === undefined ? figures : addFigures(same, figures));
        }
        expect(sorted(parts)).toEqual(sorted(run({ from, to })));
      }),
      RUNS,
    );
  });

  it('a closed window reads the same whenever it is read', () => {
    const later = fc.integer({ min: 1, max: 48 * HOUR_MS });
    fc.assert(
      fc.property(worldArb, closedArb, later, askArb, (world, { window, now }, after, query) => {
        const first = report(world, { ...query, window, now });
        const again = report(world, { ...query, window, now: new Date(now.getTime() + after) });
        const hourly = query.bucketing === 'hour';
        expect(sorted(byKey(again.rows, hourly))).toEqual(sorted(byKey(first.rows, hourly)));
      }),
      RUNS,
    );
  });

  it("with no new traffic, a later read or a longer window never changes a team's cost", () => {
    // Teams' views: idle lines are no tenant's, so what they see must not move at all.
    const teams = askArb.chain((query) =>
      fc
        .constantFrom<Visibility>(
          { tenantId: 't1', scope: {} },
          { tenantId: 't2', scope: { team: 'a' } },
        )
        .map((who) => ({ ...query, who, shareIdle: false })),
    );
    fc.assert(
      fc.property(worldArb, growingArb, teams, (world, growing, query) => {
        const { from, first, second } = growing;
        const quietWorld = quietFrom(world, growing);
        const read = (at: { to: Date; now: Date }) =>
          report(quietWorld, { ...query, window: { from, to: at.to }, now: at.now });
        const rows = (at: { to: Date; now: Date }) =>
          sorted(byKey(read(at).rows, query.bucketing === 'hour', sharedByBucket(false)));
        expect(rows(second)).toEqual(rows(first));
      }),
      RUNS,
    );
  });

  it('with no new traffic, an admin sees the same used and external cost: only idle grows', () => {
    const admin = askArb.map((query) => ({ ...query, who: ADMIN, shareIdle: false }));
    fc.assert(
      fc.property(worldArb, growingArb, admin, (world, growing, query) => {
        const { from, first, second } = growing;
        const quietWorld = quietFrom(world, growing);
        const read = (at: { to: Date; now: Date }) =>
          figuresOf(
            report(quietWorld, { ...query, window: { from, to: at.to }, now: at.now }).total,
          );
        const [before, after] = [read(first), read(second)];
        expect([after.used, after.external]).toEqual([before.used, before.external]);
        expect(after.idle! >= before.idle!).toBe(true);
      }),
      RUNS,
    );
  });
});
