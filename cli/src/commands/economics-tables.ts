// Economics replies as tables for people: money rounded half up to `precision` places (cents by
// default, output/money.ts), rates rounded for reading. JSON/YAML print the replies' exact strings.
import { create } from '@bufbuild/protobuf';
import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import {
  CacheRatesSchema,
  CostBreakdownSchema,
  UsageCountsSchema,
  type CostRow,
  type GetCostReportResponse,
  type GetSavingsResponse,
  type GetUnitEconomicsResponse,
  type GroupValue,
  type SavingsRow,
  type TierShare,
} from '@sluice/proto';
import { DEFAULT_PRECISION, usd } from '../output/money.js';
import type { Cell, TableSpec } from '../output/table.js';

// Absent submessages read as zeros, as proto3 defaults do.
export const NO_USAGE = create(UsageCountsSchema);
const NO_COST = create(CostBreakdownSchema);
const NO_CACHE = create(CacheRatesSchema);

/** The one label of a group value the usage has none of (economics.proto sends ""). */
export const NONE_LABEL = '(none)';
/** The label of the total row, in the first group column. */
export const TOTAL_LABEL = 'total';

/** How tables print money: fraction digits, half up; undefined prints the API's digits. */
export interface TableView {
  readonly precision?: number | undefined;
}
export const CENTS: TableView = { precision: DEFAULT_PRECISION };

/** "$0.0013", "-$0.0071" (a negative saving), "-" when empty; exact unless `places` is given. */
export const money = (text: string | undefined, places?: number): string => usd(text, places);
export const percent = (rate: number): string => `${(rate * 100).toFixed(1)}%`;

interface Grouped {
  readonly group: readonly GroupValue[];
}

/** The group columns of a row (an empty value shows as NONE_LABEL), or the total's. */
function groupCells(groupBy: readonly string[], row: Grouped | undefined, total: boolean): Cell[] {
  if (total || row === undefined)
    return groupBy.length === 0
      ? [TOTAL_LABEL]
      : groupBy.map((_g, i) => (i === 0 ? TOTAL_LABEL : ''));
  return groupBy.map((_g, i) => row.group[i]?.value || NONE_LABEL);
}

const groupHead = (groupBy: readonly string[]): string[] =>
  groupBy.length === 0 ? [''] : [...groupBy];

/** Rows, then the total, each through `cells`. */
function withTotal<R extends Grouped>(
  groupBy: readonly string[],
  rows: readonly R[],
  total: R | undefined,
  cells: (row: R) => Cell[],
): Cell[][] {
  const body =
    groupBy.length === 0 ? [] : rows.map((r) => [...groupCells(groupBy, r, false), ...cells(r)]);
  return total === undefined
    ? body
    : [...body, [...groupCells(groupBy, total, true), ...cells(total)]];
}

/** "small 60.0% (llama 50.0%, ...)": the tier shares of a row, most traffic first. */
export function routingText(tiers: readonly TierShare[]): string {
  return [...tiers]
    .sort((a, b) => b.share - a.share)
    .map((t) => `${t.tier} ${percent(t.share)}`)
    .join(', ');
}

export function unitTable(
  groupBy: readonly string[],
  reply: GetUnitEconomicsResponse,
  view: TableView = CENTS,
): TableSpec {
  const head = [
    ...groupHead(groupBy),
    'queries',
    'cost',
    'per query',
    'per 1M in',
    'per 1M out',
    'cache hits',
    'routing',
  ];
  const $ = (text: string) => money(text, view.precision);
  const rows = withTotal(groupBy, reply.rows, reply.total, (r) => [
    Number((r.usage ?? NO_USAGE).queries),
    $(r.costUsd),
    $(r.costPerQueryUsd),
    $(r.costPerMillionInputTokensUsd),
    $(r.costPerMillionOutputTokensUsd),
    percent((r.cache ?? NO_CACHE).hitRate),
    routingText(r.routing),
  ]);
  return { head, rows };
}

const COST_HEAD = [
  'queries',
  'calls',
  'input tok',
  'output tok',
  'total',
  'external',
  'self-hosted',
  'idle',
];

const costCells =
  (view: TableView) =>
  (row: CostRow): Cell[] => {
    const [usage, cost] = [row.usage ?? NO_USAGE, row.cost ?? NO_COST];
    return [
      ...[usage.queries, usage.modelCalls, usage.inputTokens, usage.outputTokens].map(Number),
      ...[cost.totalUsd, cost.externalUsd, cost.selfHostedUsd, cost.idleUsd].map((m) =>
        money(m, view.precision),
      ),
    ];
  };

/** A bucket's start in UTC to the minute, "2026-11-02T10:00Z": buckets are calendar units. */
const bucketText = (start: Timestamp | undefined): string =>
  start === undefined ? '' : timestampDate(start).toISOString().slice(0, 16) + 'Z';

/**
 * The cost report; `bucketed` (a granularity was asked for) puts each row's bucket first and
 * keeps every row, since a bucket is a group of its own even without group_by.
 */
export function costTable(
  groupBy: readonly string[],
  reply: GetCostReportResponse,
  bucketed = false,
  view: TableView = CENTS,
): TableSpec {
  const cells = costCells(view);
  if (!bucketed) {
    const rows = withTotal(groupBy, reply.rows, reply.total, cells);
    return { head: [...groupHead(groupBy), ...COST_HEAD], rows };
  }
  const rows = reply.rows.map((r) => [
    bucketText(r.bucketStart),
    ...groupCells(groupBy, r, false),
    ...cells(r),
  ]);
  const total = reply.total && [TOTAL_LABEL, ...groupBy.map(() => ''), ...cells(reply.total)];
  return { head: ['bucket', ...groupBy, ...COST_HEAD], rows: total ? [...rows, total] : rows };
}

/** "$1.23 (44.4%)"; "-" while the API leaves the figure empty. */
function saved(text: string, ratio: number, places: number | undefined): string {
  return text === '' ? '-' : `${money(text, places)} (${percent(ratio)})`;
}

/** Savings against the frontier twice, as SPEC 4 labels them, then what the cache saved. */
export const SAVINGS_LEGEND =
  'saved marginal: versus used GPU time only; saved fully loaded: idle GPU time included\n';

export function savingsTable(
  groupBy: readonly string[],
  reply: GetSavingsResponse,
  view: TableView = CENTS,
): TableSpec {
  const head = [
    ...groupHead(groupBy),
    'queries',
    'actual',
    'all-frontier',
    'saved marginal',
    'saved fully loaded',
    'saved by cache',
  ];
  const places = view.precision;
  const rows = withTotal(groupBy, reply.rows, reply.total, (r: SavingsRow) => [
    Number(r.queries),
    money(r.actualCostUsd, places),
    money(r.frontierBaselineCostUsd, places),
    saved(r.savedMarginalUsd, r.savedMarginalRatio, places),
    saved(r.savedFullyLoadedUsd, r.savedFullyLoadedRatio, places),
    saved(r.savedByCacheUsd, r.savedByCacheRatio, places),
  ]);
  return { head, rows };
}
