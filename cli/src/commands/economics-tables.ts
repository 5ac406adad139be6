// Economics replies as tables. Money is printed exactly as the API sends it (decimal strings,
// sub-cent digits kept); only rates, which are doubles on the wire, are rounded for reading.
import { create } from '@bufbuild/protobuf';
import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import {
  CacheRatesSchema,
  CostBreakdownSchema,
  UsageCountsSchema,
  type CostRow,
  type CrossoverRow,
  type GetCostReportResponse,
  type GetCrossoverResponse,
  type GetSavingsResponse,
  type GetUnitEconomicsResponse,
  type GroupValue,
  type TierShare,
} from '@sluice/proto';
import type { Cell, TableSpec } from '../output/table.js';

// Absent submessages read as zeros, as proto3 defaults do.
export const NO_USAGE = create(UsageCountsSchema);
const NO_COST = create(CostBreakdownSchema);
const NO_CACHE = create(CacheRatesSchema);

/** "$0.0013", "-$0.0071" (a negative saving); the digits are the API's. */
export function money(usd: string | undefined): string {
  if (usd === undefined || usd === '') return '-';
  return usd.startsWith('-') ? `-$${usd.slice(1)}` : `$${usd}`;
}
export const percent = (rate: number): string => `${(rate * 100).toFixed(1)}%`;
const ref = (r: { namespace: string; name: string } | undefined): string =>
  r === undefined ? '' : `${r.namespace}/${r.name}`;

interface Grouped {
  readonly group: readonly GroupValue[];
}

/** The group columns of a row (an empty value shows as "(none)"), or "total". */
function groupCells(groupBy: readonly string[], row: Grouped | undefined, total: boolean): Cell[] {
  if (total || row === undefined)
    return groupBy.length === 0 ? ['total'] : groupBy.map((_g, i) => (i === 0 ? 'total' : ''));
  return groupBy.map((_g, i) => row.group[i]?.value || '(none)');
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

export function unitTable(groupBy: readonly string[], reply: GetUnitEconomicsResponse): TableSpec {
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
  const rows = withTotal(groupBy, reply.rows, reply.total, (r) => [
    Number((r.usage ?? NO_USAGE).queries),
    money(r.costUsd),
    money(r.costPerQueryUsd),
    money(r.costPerMillionInputTokensUsd),
    money(r.costPerMillionOutputTokensUsd),
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

function costCells(row: CostRow): Cell[] {
  const [usage, cost] = [row.usage ?? NO_USAGE, row.cost ?? NO_COST];
  return [
    ...[usage.queries, usage.modelCalls, usage.inputTokens, usage.outputTokens].map(Number),
    ...[cost.totalUsd, cost.externalUsd, cost.selfHostedUsd, cost.idleUsd].map(money),
  ];
}

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
): TableSpec {
  if (!bucketed) {
    const rows = withTotal(groupBy, reply.rows, reply.total, costCells);
    return { head: [...groupHead(groupBy), ...COST_HEAD], rows };
  }
  const rows = reply.rows.map((r) => [
    bucketText(r.bucketStart),
    ...groupCells(groupBy, r, false),
    ...costCells(r),
  ]);
  const total = reply.total && ['total', ...groupBy.map(() => ''), ...costCells(reply.total)];
  return { head: ['bucket', ...groupBy, ...COST_HEAD], rows: total ? [...rows, total] : rows };
}

export function savingsTable(groupBy: readonly string[], reply: GetSavingsResponse): TableSpec {
  const head = [
    ...groupHead(groupBy),
    'queries',
    'actual',
    'all-frontier',
    'saved',
    'saved %',
    'saved by cache',
  ];
  const rows = withTotal(groupBy, reply.rows, reply.total, (r) => [
    Number(r.queries),
    money(r.actualCostUsd),
    money(r.frontierBaselineCostUsd),
    money(r.savedVsFrontierUsd),
    percent(r.savedVsFrontierRatio),
    money(r.savedByCacheUsd),
  ]);
  return { head, rows };
}

const crossoverCells = (r: CrossoverRow): Cell[] => [
  ref(r.model),
  r.tier,
  ref(r.hostedReference),
  money(r.selfHostedCostUsd),
  money(r.hostedCostUsd),
  percent(r.utilization),
  Number(r.breakEvenTokensPerHour),
  Number(r.breakEvenQueriesPerMonth),
];

export function crossoverTable(reply: GetCrossoverResponse): TableSpec {
  const head = [
    'model',
    'tier',
    'hosted reference',
    'self-hosted',
    'hosted',
    'utilization',
    'break-even tok/h',
    'break-even q/month',
  ];
  return { head, rows: reply.rows.map(crossoverCells) };
}
