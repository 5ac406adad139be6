import { timestampDate } from '@bufbuild/protobuf/wkt';
import type {
  CostRow,
  GetCostReportResponse,
  GetSavingsResponse,
  GetUnitEconomicsResponse,
  SavingsRow,
} from '@sluice/proto';
import { parsePicos } from '../ledger/money.js';
import { perUnit, ratio } from '../economics/wire-money.js';
import type { DashboardRequest } from './dashboard-request.js';

// The unit-economics page's data: four charts' worth of the EconomicsService answers, for a
// browser. Money stays the wire's exact decimal strings; counts become numbers (a dashboard
// never shows 2^53 queries) so the page needs no BigInt handling.

export interface TimelinePoint {
  readonly bucketStart: string;
  readonly queries: number;
  readonly cacheHits: number;
  readonly costUsd: string;
  /** '' for a bucket without queries: the page leaves a gap rather than plotting 0. */
  readonly costPerQueryUsd: string;
  readonly cacheHitRate: number;
}

export interface RoutingSlice {
  readonly tier: string;
  readonly model: string;
  readonly queries: number;
  readonly share: number;
}

/** The label of a group value the usage has none of, as `sluice economics` prints it. */
export const NONE_LABEL = '(none)';
export const TOTAL_LABEL = 'total';

/**
 * One group's savings. Against the frontier twice (SPEC 4): marginal (used GPU time only) and
 * fully loaded (idle included); '' where the API left a figure empty, for the page to show '–'.
 */
export interface SavingsBar {
  readonly group: string;
  readonly queries: number;
  readonly actualCostUsd: string;
  readonly frontierBaselineCostUsd: string;
  readonly marginalCostUsd: string;
  readonly fullyLoadedCostUsd: string;
  readonly savedMarginalUsd: string;
  readonly savedMarginalRatio: number;
  readonly savedFullyLoadedUsd: string;
  readonly savedFullyLoadedRatio: number;
  readonly savedByCacheUsd: string;
}

export interface DashboardData {
  readonly window: { readonly start: string; readonly end: string };
  readonly granularity: string;
  readonly shareIdle: boolean;
  /** The filters applied, as the query string gave them ("tag:team=search,support"). */
  readonly filters: readonly string[];
  readonly totals: {
    readonly queries: number;
    readonly costUsd: string;
    readonly costPerQueryUsd: string;
    readonly cacheHitRate: number;
  };
  readonly timeline: readonly TimelinePoint[];
  readonly routing: readonly RoutingSlice[];
  readonly savings:
    | { readonly total: SavingsBar | undefined; readonly rows: readonly SavingsBar[] }
    | {
        /** Why savings cannot be priced (e.g. no token-priced baseline model), for the page to say. */
        readonly unavailable: string;
      };
}

export interface DashboardInputs {
  readonly window: { readonly start: Date; readonly end: Date };
  readonly request: Pick<DashboardRequest, 'shareIdle' | 'filters'>;
  readonly granularity: string;
  readonly costs: GetCostReportResponse;
  readonly unit: GetUnitEconomicsResponse;
  readonly savings: GetSavingsResponse | { readonly unavailable: string };
}

function point(row: CostRow): TimelinePoint {
  const queries = row.usage?.queries ?? 0n;
  const cacheHits = row.usage?.cacheHits ?? 0n;
  const costUsd = row.cost?.totalUsd || '0';
  return {
    bucketStart: row.bucketStart ? timestampDate(row.bucketStart).toISOString() : '',
    queries: Number(queries),
    cacheHits: Number(cacheHits),
    costUsd,
    costPerQueryUsd: perUnit(parsePicos(costUsd), queries),
    cacheHitRate: ratio(cacheHits, queries),
  };
}

function routing(unit: GetUnitEconomicsResponse): RoutingSlice[] {
  return (unit.total?.routing ?? []).flatMap((tier) =>
    tier.models.map((m) => ({
      tier: tier.tier,
      model: m.model ? `${m.model.namespace}/${m.model.name}` : '',
      queries: Number(m.queries),
      share: ratio(m.queries, unit.total?.usage?.queries ?? 0n),
    })),
  );
}

/** The total is labelled by its place, not by its group values (the API may send them empty). */
function bar(row: SavingsRow, total = false): SavingsBar {
  return {
    group: total ? TOTAL_LABEL : row.group.map((g) => g.value || NONE_LABEL).join(' / '),
    queries: Number(row.queries),
    actualCostUsd: row.actualCostUsd || '0',
    frontierBaselineCostUsd: row.frontierBaselineCostUsd || '0',
    marginalCostUsd: row.marginalCostUsd,
    fullyLoadedCostUsd: row.fullyLoadedCostUsd,
    savedMarginalUsd: row.savedMarginalUsd,
    savedMarginalRatio: row.savedMarginalRatio,
    savedFullyLoadedUsd: row.savedFullyLoadedUsd,
    savedFullyLoadedRatio: row.savedFullyLoadedRatio,
    savedByCacheUsd: row.savedByCacheUsd || '0',
  };
}

function totals(costs: GetCostReportResponse): DashboardData['totals'] {
  const queries = costs.total?.usage?.queries ?? 0n;
  const costUsd = costs.total?.cost?.totalUsd || '0';
  return {
    queries: Number(queries),
    costUsd,
    costPerQueryUsd: perUnit(parsePicos(costUsd), queries),
    cacheHitRate: ratio(costs.total?.usage?.cacheHits ?? 0n, queries),
  };
}

function savingsOf(savings: DashboardInputs['savings']): DashboardData['savings'] {
  if ('unavailable' in savings) return { unavailable: savings.unavailable };
  return {
    total: savings.total && bar(savings.total, true),
    rows: savings.rows.map((row) => bar(row)),
  };
}

export function dashboardData(inputs: DashboardInputs): DashboardData {
  const timeline = inputs.costs.rows.map(point);
  return {
    window: { start: inputs.window.start.toISOString(), end: inputs.window.end.toISOString() },
    granularity: inputs.granularity,
    shareIdle: inputs.request.shareIdle,
    filters: inputs.request.filters.map((f) => `${f.dimension}=${f.values.join(',')}`),
    totals: totals(inputs.costs),
    timeline: timeline.sort((a, b) => a.bucketStart.localeCompare(b.bucketStart)),
    routing: routing(inputs.unit),
    savings: savingsOf(inputs.savings),
  };
}
