import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import { Granularity } from '@sluice/proto';
import { SluiceError } from '../../grpc/sluice-error.js';
import type { Window } from '../ledger/capacity-cost.js';
import { parseFilters, validateGroupBy, type Filter } from './dimensions.js';
import { validateWindow, type Bucketing } from './window.js';

export const DEFAULT_LIMIT = 1000;
export const MAX_LIMIT = 10_000;

/** What every Economics request shares, checked: the window, grouping, filters and limit. */
export interface Query {
  readonly window: Window;
  readonly groupBy: readonly string[];
  readonly filters: readonly Filter[];
  readonly bucketing: Bucketing;
  readonly limit: number;
  /** Spread idle over the groups (README "Allocation" 4); false where a request has no such field. */
  readonly shareIdle: boolean;
}

interface CommonRequest {
  readonly window?: { start?: Timestamp | undefined; end?: Timestamp | undefined } | undefined;
  readonly groupBy: readonly string[];
  readonly filters: ReadonlyArray<{ dimension: string; values: readonly string[] }>;
  readonly limit: number;
  readonly shareIdle?: boolean;
}

const BUCKETING: Record<Granularity, Bucketing> = {
  [Granularity.UNSPECIFIED]: 'none',
  [Granularity.HOUR]: 'hour',
  [Granularity.DAY]: 'day',
  [Granularity.WEEK]: 'week',
  [Granularity.MONTH]: 'month',
};

function parseLimit(limit: number): number {
  if (limit < 0 || limit > MAX_LIMIT) {
    throw SluiceError.invalidArgument(
      'limit',
      `must be between 0 (default ${DEFAULT_LIMIT}) and ${MAX_LIMIT}`,
    );
  }
  return limit === 0 ? DEFAULT_LIMIT : limit;
}

export function parseQuery(request: CommonRequest, granularity = Granularity.UNSPECIFIED): Query {
  const start = request.window?.start;
  const end = request.window?.end;
  const window = validateWindow(
    start === undefined ? undefined : timestampDate(start),
    end === undefined ? undefined : timestampDate(end),
  );
  validateGroupBy(request.groupBy);
  const bucketing = BUCKETING[granularity];
  if (bucketing === undefined)
    throw SluiceError.invalidArgument('granularity', 'unknown granularity');
  return {
    window,
    groupBy: [...request.groupBy],
    filters: parseFilters(request.filters),
    bucketing,
    limit: parseLimit(request.limit),
    shareIdle: request.shareIdle === true,
  };
}
