import type { CapacityPoint, Window } from '../../ledger/capacity-cost.js';
import type { PricePoint } from '../../ledger/cost.js';
import { chargeCells } from '../cell-charges.js';
import type { UsageCell } from '../economics.types.js';
import { aggregate, type AggregationSpec, type GroupFigures } from '../figures.js';
import { ledgerView, type LedgerView } from '../ledger-view.js';
import type { Bucketing } from '../window.js';

export const USD = 1_000_000_000_000n;

/** A one-call cell of team `team` in `hour` (counts and amounts 0 unless given). */
export const aCell = (
  hour: Date,
  team: string,
  model: string,
  over: Partial<UsageCell> = {},
): UsageCell => ({
  hour,
  tenantId: 't',
  model,
  tier: 'small',
  cacheKind: 'none',
  template: '',
  tags: { team },
  policy: '',
  shadow: false,
  requests: 1n,
  failedRequests: 0n,
  inputTokens: 0n,
  cachedInputTokens: 0n,
  outputTokens: 0n,
  costUsd: 0n,
  baselineCostUsd: 0n,
  baselineRequests: 1n,
  noCacheCostUsd: 0n,
  latencyMs: 0n,
  ...over,
});

/** A capacity point: `replicas` of 1 GPU at `microsPerHour`, `maxConcurrency` 4 by default. */
export const aPoint = (
  observedAt: Date,
  readyReplicas: number,
  microsPerHour: bigint,
  over: Partial<CapacityPoint> = {},
): CapacityPoint => ({
  observedAt,
  readyReplicas,
  gpusPerReplica: 1,
  gpuHourlyUSD: microsPerHour,
  tier: 'small',
  maxConcurrency: 4,
  ...over,
});

export interface Ledger {
  readonly window: Window;
  readonly capacity: Record<string, CapacityPoint[]>;
  /** ALL tenants' cells. */
  readonly cells: readonly UsageCell[];
  readonly prices?: Record<string, PricePoint[]>;
  readonly bucketing?: Bucketing;
}

export const viewOf = (ledger: Ledger): LedgerView =>
  ledgerView({
    window: ledger.window,
    bucketing: ledger.bucketing ?? 'none',
    prices: new Map(Object.entries(ledger.prices ?? {})),
    capacity: new Map(Object.entries(ledger.capacity)),
    allCells: ledger.cells,
  });

/**
 * The loader's path in pure code: the view over ALL cells, then `read` (the caller's cells, all
 * of them by default) charged and grouped; `admin` sees idle lines.
 */
export function figuresOf(
  ledger: Ledger,
  query: Partial<Pick<AggregationSpec, 'groupBy' | 'filters' | 'shareIdle'>> & {
    admin?: boolean;
    read?: readonly UsageCell[];
  } = {},
): GroupFigures[] {
  const view = viewOf(ledger);
  return aggregate(chargeCells(query.read ?? ledger.cells, view.allocation), {
    window: ledger.window,
    bucketing: ledger.bucketing ?? 'none',
    groupBy: query.groupBy ?? [],
    filters: query.filters ?? [],
    shareIdle: query.shareIdle ?? false,
    providerOf: view.providerOf,
    priceAt: view.priceAt,
    idleLines: query.admin === false ? [] : view.allocation.lines,
  });
}

/** Rows keyed by their first group value: tables read better than arrays in expectations. */
export function byFirstValue<T>(
  rows: readonly GroupFigures[],
  figure: (row: GroupFigures) => T,
): Record<string, T> {
  const result: Record<string, T> = {};
  for (const row of rows) result[row.sums.values[0] ?? ''] = figure(row);
  return result;
}
