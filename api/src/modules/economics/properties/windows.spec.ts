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
  type RawRow,
  type World,
} from './world.js';
import type { CapacityPoint } from '../../ledger/capacity-cost.js';
import { modelHours } from '../model-hours.js';
import { readCapacity } from './reads.js';
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
 * read later still, and its window at the same end or further. This is the guarantee README
 * "Not yet" leaves standing for an hour that has not ended (used = C x min(D, K) / K of the hour
 * as known now), so the world is built to meet its conditions rather than filtered:
 * - no token price change from `quiet` to the end of its hour: an external cell's cost is split
 *   by token kind in the proportions of the price at its hour's end, as known at the window's
 *   end (README "External cost by token kind"), so the split would follow it; it moves to the
 *   next hour instead, after the rows priced at ingest, which keep their price;
 * - no capacity change from `quiet` to the end of its hour, and none in that hour before it
 *   either except ready replicas (GPUs, GPU price and max concurrency stay): C / K of the hour
 *   is then the same whenever it is read. A GPU price change before the last call moves it
 *   too (10:05 $0.80 -> $2.40/h, call 10:10: read at 10:20 and 10:40 differ), as the mean of the
 *   hour so far shifts. Replicas still change before it, and anything changes from the next hour
 *   on (autoscaling, a new GPU price), which has no traffic;
 * - the calls fit in the request time the replicas had (D <= K of that hour at the first read).
 * Hours before it have ended by the first read: they change nothing whatever their capacity.
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
    // Sometimes a long one: the hour may have run only minutes, and D <= K is made to hold by
    // shortening the calls (fitCalls), so calls near K are common.
    last: fc.record({
      before: fc.integer({ min: 1, max: 10 * 60_000 }),
      shape: rowShapeArb,
      long: fc.option(fc.integer({ min: 60_000, max: 20 * 60_000 }), { nil: undefined }),
    }),
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
    const hourEnd = (Math.floor(q / HOUR_MS) + 1) * HOUR_MS;
    return {
      from: new Date(from),
      quiet: new Date(q),
      last: {
        ...last.shape,
        at: new Date(Math.max(from, q - last.before)),
        latencyMs: last.long ?? last.shape.latencyMs,
      },
      changes: changes.map(([model, after, point]) => ({
        model,
        point: { ...point, observedAt: new Date(hourEnd + after) },
      })),
      first: { to: new Date(q + to1), now: new Date(q + now1) },
      second: { to: new Date(q + to1 + more), now: new Date(q + now1 + later) },
    };
  });

type Growing = typeof growingArb extends fc.Arbitrary<infer G> ? G : never;

/**
 * The hour `quiet` falls in keeps the GPUs, price and max concurrency it started with (or that
 * its first point set) and records nothing from `quiet` on; other hours keep their history.
 */
function steadyHour(points: readonly CapacityPoint[], quiet: number): CapacityPoint[] {
  const hourStart = Math.floor(quiet / HOUR_MS) * HOUR_MS;
  const hourEnd = hourStart + HOUR_MS;
  const sorted = [...points].sort((a, b) => a.observedAt.getTime() - b.observedAt.getTime());
  const inHour = (p: CapacityPoint) =>
    p.observedAt.getTime() > hourStart && p.observedAt.getTime() < hourEnd;
  const rate =
    sorted.filter((p) => p.observedAt.getTime() <= hourStart).at(-1) ?? sorted.find(inHour);
  return sorted
    .filter((p) => !inHour(p) || p.observedAt.getTime() < quiet)
    .map((p) =>
      inHour(p) && rate !== undefined
        ? {
            ...rate,
            observedAt: p.observedAt,
            readyReplicas: p.readyReplicas,
            ...(p.tier === undefined ? {} : { tier: p.tier }),
          }
        : p,
    );
}

/**
 * Shortens the model calls of `quiet`'s hour in proportion where their request time D exceeds
 * what the replicas could hold (K) over that hour as the first read sees it.
 */
function fitCalls(world: World, { from, quiet, first }: Growing): World {
  const window = { from, to: first.to };
  const capacity = readCapacity(world, { window, now: first.now });
  const hourStart = Math.floor(quiet.getTime() / HOUR_MS) * HOUR_MS;
  const inSpan = (row: RawRow) =>
    row.cacheKind === 'none' &&
    row.at.getTime() >= Math.max(from.getTime(), hourStart) &&
    row.at.getTime() < Math.min(first.to.getTime(), first.now.getTime(), hourStart + HOUR_MS);
  let rows = world.rows;
  for (const [model, points] of capacity) {
    const hour = modelHours(model, points, window).find((h) => h.hour.getTime() === hourStart);
    const held = hour?.capacityMs ?? 0n;
    const calls = rows.filter((row) => row.model === model && inSpan(row));
    const requestMs = calls.reduce((sum, row) => sum + row.latencyMs, 0n);
    if (held === 0n || requestMs <= held) continue;
    rows = rows.map((row) =>
      calls.includes(row) ? { ...row, latencyMs: (row.latencyMs * held) / requestMs } : row,
    );
  }
  return { ...world, rows };
}

/** The world with no traffic from `quiet` on, under the conditions of growingArb. */
function quietFrom(world: World, growing: Growing): World {
  const { quiet, last, changes } = growing;
  const hourEnd = (Math.floor(quiet.getTime() / HOUR_MS) + 1) * HOUR_MS;
  const prices = new Map(
    [...world.prices].map(([model, points]) => [
      model,
      points.map((point) =>
        point.effectiveFrom >= quiet && point.effectiveFrom.getTime() < hourEnd
          ? { ...point, effectiveFrom: new Date(hourEnd) }
          : point,
      ),
    ]),
  );
  const capacity = new Map<string, CapacityPoint[]>();
  for (const [model, points] of world.capacity)
    capacity.set(model, steadyHour(points, quiet.getTime()));
  for (const { model, point } of changes)
    capacity.set(model, [...(capacity.get(model) ?? []), point]);
  const rows = [
    ...world.rows.filter((row) => row.at.getTime() < quiet.getTime()),
    priced(last, world.prices),
  ];
  return fitCalls({ ...world, prices, capacity, rows }, growing);
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

  it("with no new traffic and steady capacity (growingArb), a later read or a longer window never changes a team's cost", () => {
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

  it('with no new traffic and steady capacity (growingArb), an admin sees the same used and external cost: only idle grows', () => {
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
