import fc from 'fast-check';
import type { Window } from '../../ledger/capacity-cost.js';
import type { Visibility } from '../economics.repository.js';
import type { GroupFigures } from '../figures.js';
import { breakdown } from '../row-math.js';
import { savings } from '../savings.js';
import type { Bucketing } from '../window.js';
import type { ReportQuery } from './report.js';
import { BASE, HOUR_MS, SPAN_HOURS } from './world.js';

/** Every dimension a report groups by (tag:team is the tag the world's rows carry). */
export const DIMENSIONS = ['model', 'tier', 'provider', 'template', 'tag:team', 'policy'];

export const groupByArb = fc.subarray(DIMENSIONS);
export const bucketingArb = fc.constantFrom<Bucketing>('none', 'hour');

export const ADMIN: Visibility = { tenantId: undefined, scope: {} };
export const whoArb = fc.constantFrom<Visibility>(
  ADMIN,
  { tenantId: 't1', scope: {} },
  { tenantId: 't2', scope: { team: 'a' } },
);

/** An instant around the world's span, on an hour or anywhere (ms). */
export const instantArb = (fromHour: number, toHour: number) =>
  fc.oneof(
    fc.integer({ min: fromHour, max: toHour }).map((h) => BASE + h * HOUR_MS),
    fc.integer({ min: fromHour * HOUR_MS, max: toHour * HOUR_MS }).map((ms) => BASE + ms),
  );

/** A window over (part of) the span, its edges aligned to hours or not. */
export const windowArb: fc.Arbitrary<Window> = fc
  .tuple(instantArb(-1, SPAN_HOURS + 1), instantArb(-1, SPAN_HOURS + 1))
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => ({ from: new Date(Math.min(a, b)), to: new Date(Math.max(a, b)) }));

export const nowArb = instantArb(-1, SPAN_HOURS + 3).map((t) => new Date(t));

/** What a report asks besides its window and clock: caller, buckets, grouping, share_idle. */
export type Ask = Omit<ReportQuery, 'window' | 'now'>;
export const askArb: fc.Arbitrary<Ask> = fc.record({
  who: whoArb,
  bucketing: bucketingArb,
  groupBy: groupByArb,
  shareIdle: fc.boolean(),
});

/** Any report: any window, clock, caller, buckets and grouping. */
export const queryArb: fc.Arbitrary<ReportQuery> = fc
  .tuple(askArb, windowArb, nowArb)
  .map(([ask, window, now]) => ({ ...ask, window, now }));

/** A window and a later "now": its figures read once it has closed. */
export const closedArb = windowArb.chain((window) =>
  fc.record({
    window: fc.constant(window),
    now: fc
      .integer({ min: window.to.getTime(), max: window.to.getTime() + 3 * HOUR_MS })
      .map((t) => new Date(t)),
  }),
);

/** Every money and count figure of a row, as the RPCs map them (breakdown, savings, counts). */
export function figuresOf(figures: GroupFigures): Record<string, bigint> {
  const { sums } = figures;
  const b = breakdown(figures);
  const s = savings(figures);
  return {
    total: b.total,
    external: b.external,
    selfHosted: b.selfHosted,
    used: b.used,
    idle: b.idle,
    sharedIdle: b.sharedIdle,
    input: b.input,
    cached: b.cached,
    output: b.output,
    actual: s.actual,
    marginal: s.marginal,
    fullyLoaded: s.fullyLoaded,
    frontier: s.frontier,
    noCache: s.noCache,
    shadow: s.shadow,
    requests: sums.requests,
    modelCalls: sums.modelCalls,
    exactHits: sums.exactHits,
    semanticHits: sums.semanticHits,
    failed: sums.failed,
    inputTokens: sums.tokens.input,
    cachedTokens: sums.tokens.cached,
    outputTokens: sums.tokens.output,
  };
}

/** Money figures only (counts are checked where the property is about them). */
export const MONEY = [
  'total',
  'external',
  'selfHosted',
  'used',
  'idle',
  'sharedIdle',
  'input',
  'cached',
  'output',
  'actual',
  'marginal',
  'fullyLoaded',
  'frontier',
  'noCache',
  'shadow',
];

export const omit = (figures: Record<string, bigint>, keys: readonly string[]) =>
  Object.fromEntries(Object.entries(figures).filter(([key]) => !keys.includes(key)));

/**
 * Figures that spread idle over a bucket's traffic (README "Allocation" 4, 7), so that a team's
 * part of them depends on the buckets and the window by design: `fullyLoaded` always; with
 * share_idle, what is charged (sharedIdle, the token kinds and shadow calls' part it lands on).
 * Properties about buckets and windows leave them out; their sums are checked elsewhere.
 */
export const sharedByBucket = (shareIdle: boolean): readonly string[] =>
  shareIdle ? ['sharedIdle', 'input', 'cached', 'output', 'shadow'] : ['fullyLoaded'];

export function addFigures(
  a: Record<string, bigint>,
  b: Record<string, bigint>,
): Record<string, bigint> {
  const sum: Record<string, bigint> = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)]))
    sum[key] = (a[key] ?? 0n) + (b[key] ?? 0n);
  return sum;
}
