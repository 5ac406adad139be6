// The demo's closing tables, every figure as EconomicsService returned it.
import { create } from '@bufbuild/protobuf';
import {
  CacheRatesSchema,
  UnitEconomicsRowSchema,
  type GetSavingsResponse,
  type GetUnitEconomicsResponse,
  type TierShare,
} from '@sluice/proto';
import { percent, savingsTable, unitTable } from '../commands/economics-tables.js';
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

export interface DemoFigures {
  readonly unit: GetUnitEconomicsResponse;
  /** The savings report, or why the API could not compute it (e.g. no baseline price). */
  readonly savings: GetSavingsResponse | string;
}

/** The unit-economics tables the demo prints. */
export function formatFigures(figures: DemoFigures, stream: Terminal): string {
  const { unit, savings } = figures;
  const total = unit.total ?? create(UnitEconomicsRowSchema);
  const cache = total.cache ?? create(CacheRatesSchema);
  const outcomes = total.outcomes.map(
    (o) => `  cost per ${o.outcome}: $${o.costPerOutcomeUsd || '-'} (${o.count} reported)`,
  );
  return [
    'Unit economics per model and team',
    formatTable(unitTable(UNIT_GROUP_BY, unit), stream),
    `Cache: ${percent(cache.hitRate)} of queries (exact ${cache.exactHits}, semantic ${cache.semanticHits})`,
    ...outcomes,
    '',
    'Routing distribution',
    formatTable(routingTable(total.routing), stream),
    'Savings versus sending every query to the frontier baseline, per team',
    // Without this, a negative saving on a short run reads as a routing failure.
    '(self-hosted cost is GPU time, idle included: a short day on idle GPUs can cost more than the baseline)',
    typeof savings === 'string'
      ? `  not available: ${savings}\n`
      : formatTable(savingsTable(SAVINGS_GROUP_BY, savings), stream),
  ].join('\n');
}
