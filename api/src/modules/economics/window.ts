import { SluiceError } from '../../grpc/sluice-error.js';
import type { Window } from '../ledger/capacity-cost.js';

export const MAX_WINDOW_DAYS = 366;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export type Bucketing = 'none' | 'hour' | 'day' | 'week' | 'month';

/** [start, end) from the wire: both set, end after start, at most MAX_WINDOW_DAYS long. */
export function validateWindow(start: Date | undefined, end: Date | undefined): Window {
  if (start === undefined) throw SluiceError.invalidArgument('window.start', 'is required');
  if (end === undefined) throw SluiceError.invalidArgument('window.end', 'is required');
  if (end.getTime() <= start.getTime()) {
    throw SluiceError.invalidArgument('window.end', 'must be after window.start');
  }
  if (end.getTime() - start.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
    throw SluiceError.invalidArgument(
      'window.end',
      `window may span at most ${MAX_WINDOW_DAYS} days`,
    );
  }
  return { from: start, to: end };
}

/** The UTC calendar bucket holding `at` (ISO weeks start on Monday). */
export function bucketStart(at: Date, bucketing: Bucketing, window: Window): Date {
  const t = at.getTime();
  switch (bucketing) {
    case 'none':
      return window.from;
    case 'hour':
      return new Date(Math.floor(t / HOUR_MS) * HOUR_MS);
    case 'day':
      return new Date(Math.floor(t / DAY_MS) * DAY_MS);
    case 'week': {
      const day = Math.floor(t / DAY_MS);
      // 1970-01-01 was a Thursday: (day + 3) % 7 is days since Monday.
      return new Date((day - ((day + 3) % 7)) * DAY_MS);
    }
    case 'month':
      return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  }
}

/** The next bucket's start after `start`. */
function nextBucket(start: Date, bucketing: Exclude<Bucketing, 'none'>): Date {
  const steps = { hour: HOUR_MS, day: DAY_MS, week: 7 * DAY_MS } as const;
  if (bucketing === 'month') {
    return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  }
  return new Date(start.getTime() + steps[bucketing]);
}

/** Every bucket overlapping the window, each clipped to it, keyed by its calendar start. */
export function buckets(
  window: Window,
  bucketing: Bucketing,
): Array<{ start: Date; span: Window }> {
  if (bucketing === 'none') return [{ start: window.from, span: window }];
  const result: Array<{ start: Date; span: Window }> = [];
  for (let s = bucketStart(window.from, bucketing, window); s < window.to;) {
    const next = nextBucket(s, bucketing);
    const from = s < window.from ? window.from : s;
    result.push({ start: s, span: { from, to: next < window.to ? next : window.to } });
    s = next;
  }
  return result;
}

/** The UTC hours overlapping a span, each clipped to it. */
export const hoursOf = (span: Window): Window[] => buckets(span, 'hour').map((b) => b.span);
