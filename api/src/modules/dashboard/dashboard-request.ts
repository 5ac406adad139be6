import { INSTANT_SYNTAX, parseInstant } from '@sluice/common';
import { Granularity } from '@sluice/proto';
import { SluiceError } from '../../grpc/sluice-error.js';
import { unprintable } from '../../grpc/validation/storable.js';
import { dimensionError } from '../economics/dimensions.js';
import { MAX_WINDOW_DAYS } from '../economics/window.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** What the dashboard's query string asks for, checked (field names are the query parameters). */
export interface DashboardRequest {
  readonly start: Date;
  readonly end: Date;
  readonly granularity: Granularity;
  /** The dimension savings are broken down by, e.g. tag:team. */
  readonly savingsBy: string;
  /** Spread idle GPU cost over the groups (economics.proto share_idle). */
  readonly shareIdle: boolean;
  /** Which usage counts, as `sluice economics --filter` reads them: `tag:team=search,support`. */
  readonly filters: ReadonlyArray<{ readonly dimension: string; readonly values: string[] }>;
}

const GRANULARITIES: Record<string, Granularity> = {
  hour: Granularity.HOUR,
  day: Granularity.DAY,
  week: Granularity.WEEK,
  month: Granularity.MONTH,
};

/** Buckets small enough to show a shape, few enough to stay readable: ~24 to ~200 points. */
export function autoGranularity(spanMs: number): Granularity {
  if (spanMs <= 8 * DAY_MS) return Granularity.HOUR;
  if (spanMs <= 200 * DAY_MS) return Granularity.DAY;
  return Granularity.WEEK;
}

function single(query: Record<string, unknown>, field: string): string | undefined {
  const value = query[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw SluiceError.invalidArgument(field, 'give it once');
  return checked(field, value);
}

function instant(text: string, field: string, now: Date): Date {
  try {
    return parseInstant(text, now);
  } catch {
    throw SluiceError.invalidArgument(field, `"${text}" is not ${INSTANT_SYNTAX}`);
  }
}

function granularity(text: string | undefined, spanMs: number): Granularity {
  if (text === undefined || text === 'auto') return autoGranularity(spanMs);
  const known = GRANULARITIES[text];
  if (known === undefined) {
    throw SluiceError.invalidArgument(
      'granularity',
      `"${text}" is not auto, hour, day, week or month`,
    );
  }
  return known;
}

function checked(field: string, value: unknown): string {
  if (typeof value !== 'string') throw SluiceError.invalidArgument(field, 'expected text');
  const bad = value.includes('\u0000') ? 'must not contain U+0000 (NUL)' : unprintable(value);
  if (bad !== undefined) throw SluiceError.invalidArgument(field, bad);
  return value;
}

function shareIdle(text: string | undefined): boolean {
  if (text === undefined || text === 'false') return false;
  if (text === 'true') return true;
  throw SluiceError.invalidArgument('shareIdle', `"${text}" is not true or false`);
}

/** `filter=tag:team=search,support`, repeatable; EconomicsService checks the values. */
function filters(value: unknown): DashboardRequest['filters'] {
  const all = value === undefined ? [] : Array.isArray(value) ? (value as unknown[]) : [value];
  return all.map((item) => {
    const text = checked('filter', item);
    const at = text.indexOf('=');
    const dimension = text.slice(0, at);
    const values = text
      .slice(at + 1)
      .split(',')
      .filter((v) => v !== '');
    const invalid = at <= 0 ? 'expected dimension=value[,value...]' : dimensionError(dimension);
    if (invalid !== undefined) throw SluiceError.invalidArgument('filter', invalid);
    return { dimension, values };
  });
}

/**
 * `?from=-24h&to=now&granularity=auto&savingsBy=tag:team&shareIdle=false&filter=...`, every part
 * optional.
 */
export function parseDashboardRequest(
  query: Record<string, unknown>,
  now = new Date(),
): DashboardRequest {
  const start = instant(single(query, 'from') ?? '-24h', 'from', now);
  const end = instant(single(query, 'to') ?? 'now', 'to', now);
  const span = end.getTime() - start.getTime();
  if (span <= 0) throw SluiceError.invalidArgument('to', 'must be after from');
  if (span > MAX_WINDOW_DAYS * DAY_MS)
    throw SluiceError.invalidArgument('to', `the window may span at most ${MAX_WINDOW_DAYS} days`);
  const savingsBy = single(query, 'savingsBy') ?? 'tag:team';
  const invalid = dimensionError(savingsBy);
  if (invalid !== undefined) throw SluiceError.invalidArgument('savingsBy', invalid);
  return {
    start,
    end,
    granularity: granularity(single(query, 'granularity'), span),
    savingsBy,
    shareIdle: shareIdle(single(query, 'shareIdle')),
    filters: filters(query.filter),
  };
}
