// The demo's closing tables, every figure as EconomicsService returned it for the demo's window,
// money rounded half up to --precision places (cents by default), as `sluice economics` tables.
import { create } from '@bufbuild/protobuf';
import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import {
  CacheRatesSchema,
  UnitEconomicsRowSchema,
  type GetSavingsResponse,
  type GetUnitEconomicsResponse,
  type SavingsRow,
  type TierShare,
} from '@sluice/proto';
import {
  CENTS,
  percent,
  savingsTable,
  SAVINGS_LEGEND,
  unitTable,
  type TableView,
} from '../commands/economics-tables.js';
import { usd } from '../output/money.js';
import { formatTable, type TableSpec } from '../output/table.js';
import type { Terminal } from '../output/colour.js';

export const UNIT_GROUP_BY = ['model', 'tag:team'];
export const SAVINGS_GROUP_BY = ['tag:team'];

/** Tier and model shares of the routed queries (cache hits count for the tier that would answer). */
export function routingTable(tiers: readonly TierShare[]): TableSpec {
  const rows = tiers.flatMap((t) => [
    [t.tier, '(all)', Number(t.queries), percent(t.share)],
    ...t.models.map((m) => [
      '',
      `${m.model?.namespace}/${m.model?.name}`,
      Number(m.queries),
      percent(m.share),
    ]),
  ]);
  return { head: ['tier', 'model', 'queries', 'share'], rows };
}

export interface DemoWindow {
  readonly start: Timestamp;
  readonly end: Timestamp;
}

export interface DemoFigures {
  readonly unit: GetUnitEconomicsResponse;
  /** The savings report, or why the API could not compute it (e.g. no baseline price). */
  readonly savings: GetSavingsResponse | string;
}

/** A ratio the API sent, or '-' while it leaves the figure empty. */
const ratioOf = (text: string, ratio: number): string => (text === '' ? '-' : percent(ratio));

/**
 * "Saved 44.4% marginal, 12.0% fully loaded ...": both ratios as GetSavings computed them for the
 * demo's window, so the line can never disagree with `sluice economics savings` or the page.
 */
export function savingsHeadline(total: SavingsRow, view: TableView = CENTS): string {
  const cents = (text: string) => usd(text, view.precision);
  const marginal = ratioOf(total.savedMarginalUsd, total.savedMarginalRatio);
  const loaded = ratioOf(total.savedFullyLoadedUsd, total.savedFullyLoadedRatio);
  return (
    `Saved ${marginal} marginal, ${loaded} fully loaded versus the all-frontier baseline ` +
    `(${cents(total.savedMarginalUsd)} and ${cents(total.savedFullyLoadedUsd)} ` +
    `of ${cents(total.frontierBaselineCostUsd)})`
  );
}

/** Whole seconds, as the demo closes its window: "2026-11-02T10:00:00Z". */
const iso = (t: Timestamp) => timestampDate(t).toISOString().replace('.000Z', 'Z');

/** How to read the same window again: the CLI and the page give the same figures, to the cent. */
export function windowLines(window: DemoWindow, runId: string): string[] {
  const [from, to] = [iso(window.start), iso(window.end)];
  const filter = `tag:demo_run=${runId}`;
  // Unencoded, to be read and typed: RFC 3986 allows ':' and '=' in a query, and run ids are
  // [a-z0-9-].
  const page = `from=${from}&to=${to}&filter=${filter}`;
  return [
    `Window ${from} to ${to} (closed: reading it again later gives the same figures)`,
    `  sluice economics savings --from ${from} --to ${to} --filter ${filter} --group-by tag:team`,
    `  the page: /dashboard?${page}`,
  ];
}

function savingsSection(
  savings: GetSavingsResponse | string,
  stream: Terminal,
  view: TableView,
): string[] {
  if (typeof savings === 'string') return [`  not available: ${savings}`, ''];
  const total = savings.total;
  return [
    formatTable(savingsTable(SAVINGS_GROUP_BY, savings, view), stream) + SAVINGS_LEGEND,
    ...(total === undefined ? [] : [savingsHeadline(total, view)]),
  ];
}

/** The unit-economics tables the demo prints, then its savings headline and window. */
export function formatFigures(
  figures: DemoFigures & { readonly window: DemoWindow },
  runId: string,
  stream: Terminal,
  view: TableView = CENTS,
): string {
  const { unit, savings } = figures;
  const total = unit.total ?? create(UnitEconomicsRowSchema);
  const cache = total.cache ?? create(CacheRatesSchema);
  const outcomes = total.outcomes.map(
    (o) =>
      `  cost per ${o.outcome}: ${usd(o.costPerOutcomeUsd, view.precision)} (${o.count} reported)`,
  );
  return [
    'Unit economics per model and team',
    formatTable(unitTable(UNIT_GROUP_BY, unit, view), stream),
    `Cache: ${percent(cache.hitRate)} of queries (exact ${cache.exactHits}, semantic ${cache.semanticHits})`,
    ...outcomes,
    '',
    'Routing distribution',
    formatTable(routingTable(total.routing), stream),
    'Savings versus sending every query to the frontier baseline, per team',
    ...savingsSection(savings, stream, view),
    ...windowLines(figures.window, runId),
    '',
  ].join('\n');
}
