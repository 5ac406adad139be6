import type { CacheKind, ModelRef } from './ledger.types.js';
import { parsePicos, type Picos } from './money.js';

const HOUR_MS = 3_600_000;

/** UTC hour boundaries: epoch milliseconds have no leap seconds, so plain arithmetic is exact. */
export const floorHour = (at: Date): Date => new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
export const ceilHour = (at: Date): Date => new Date(Math.ceil(at.getTime() / HOUR_MS) * HOUR_MS);

/** The whole hours inside [from, to), empty (from = to) when there are none. */
export function wholeHours(from: Date, to: Date): { from: Date; to: Date } {
  const start = ceilHour(from);
  const end = floorHour(to);
  return start < end ? { from: start, to: end } : { from: start, to: start };
}

export interface UsageTotals {
  readonly model: ModelRef;
  readonly tier: string;
  readonly cacheKind: CacheKind;
  /** '' when the usage named no template. */
  readonly template: string;
  readonly requests: bigint;
  readonly failedRequests: bigint;
  readonly inputTokens: bigint;
  readonly cachedInputTokens: bigint;
  readonly outputTokens: bigint;
  readonly latencyMsSum: bigint;
  readonly costUsd: Picos;
  /** Sum over the `baselineRequests` rows that had a token-priced baseline. */
  readonly baselineCostUsd: Picos;
  readonly baselineRequests: bigint;
  readonly noCacheCostUsd: Picos;
}

/** A READ_TOTALS row: pg returns sums of bigint and numeric as decimal strings. */
export type TotalsSqlRow = Record<string, string>;

const int = (row: TotalsSqlRow, column: string): bigint => BigInt(row[column] ?? '0');
/** Sums keep numeric(38,12)'s scale, but coalesce(..., 0) may come back as "0". */
const money = (row: TotalsSqlRow, column: string): Picos => parsePicos(row[column] ?? '0');

export function toUsageTotals(row: TotalsSqlRow): UsageTotals {
  return {
    model: { namespace: row.model_namespace ?? '', name: row.model_name ?? '' },
    tier: row.tier ?? '',
    cacheKind: (row.cache_kind ?? 'none') as CacheKind,
    template: row.template ?? '',
    requests: int(row, 'requests'),
    failedRequests: int(row, 'failed_requests'),
    inputTokens: int(row, 'input_tokens'),
    cachedInputTokens: int(row, 'cached_input_tokens'),
    outputTokens: int(row, 'output_tokens'),
    latencyMsSum: int(row, 'latency_ms_sum'),
    costUsd: money(row, 'cost_usd'),
    baselineCostUsd: money(row, 'baseline_cost_usd'),
    baselineRequests: int(row, 'baseline_requests'),
    noCacheCostUsd: money(row, 'no_cache_cost_usd'),
  };
}
