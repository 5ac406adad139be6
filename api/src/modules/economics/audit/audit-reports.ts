import {
  costFigures,
  crossoverFigures,
  dimValues,
  picos,
  savingsFigures,
  unitFigures,
  type SqlRow,
} from './audit-figures.js';
import type { AuditRows, GroupingRows } from './audit.repository.js';
import {
  double,
  groupLabel,
  int,
  money,
  TOTAL,
  type FigureRow,
  type ReportFigures,
} from './figures.js';

/** The reports the audit compares, named as AuditDifference.report shows them. */
export const REPORTS = {
  cost: 'GetCostReport',
  costShared: 'GetCostReport share_idle',
  unit: 'GetUnitEconomics',
  savings: 'GetSavings',
  crossover: 'GetCrossover',
} as const;

export interface AuditedGrouping {
  readonly groupBy: readonly string[];
  readonly reports: ReportFigures[];
  /** GetSavings must refuse: some query in the window has no baseline price. */
  readonly savingsRefused: boolean;
}

const label = (g: GroupingRows, r: SqlRow) => groupLabel(dimValues(r, g.groupBy.length));

function routingOf(g: GroupingRows, group: string): FigureRow {
  const figures: FigureRow = {};
  for (const r of g.routing.filter((x) => label(g, x) === group)) {
    const tier = String(r.tier);
    figures[`routing[${tier}].queries`] = int(String(r.tier_queries));
    figures[`routing[${tier}].share`] = double(Number(r.tier_share));
    figures[`routing[${tier}][${String(r.model)}].queries`] = int(String(r.queries));
    figures[`routing[${tier}][${String(r.model)}].share`] = double(Number(r.model_share));
  }
  return figures;
}

function outcomesOf(g: GroupingRows, group: string): FigureRow {
  const figures: FigureRow = {};
  for (const r of (g.outcomes ?? []).filter((x) => label(g, x) === group)) {
    const name = String(r.name);
    figures[`outcomes[${name}].count`] = int(String(r.count));
    figures[`outcomes[${name}].value_usd`] = money(picos(r.value));
    figures[`outcomes[${name}].cost_per_outcome_usd`] = money(picos(r.cost_per_outcome));
  }
  return figures;
}

/** One grouping's reports; `total` is the total row every report carries. */
function grouping(g: GroupingRows, total: GroupingRows): AuditedGrouping {
  const [totalRow] = total.rows;
  const rowsOf = (present: string, figures: (r: SqlRow, of: GroupingRows) => FigureRow) => {
    const rows = new Map<string, FigureRow>();
    // With no group_by the service answers one row holding everything, the total's twin.
    for (const r of g.rows.filter((x) => x[present] === true)) {
      rows.set(label(g, r), figures(r, g));
    }
    if (totalRow !== undefined) rows.set(TOTAL, figures(totalRow, total));
    return rows;
  };
  const unitOf = (r: SqlRow, of: GroupingRows): FigureRow => ({
    ...unitFigures(r),
    ...routingOf(of, label(of, r)),
    ...outcomesOf(of, label(of, r)),
  });
  const groupBy = g.groupBy.join(',');
  return {
    groupBy: g.groupBy,
    savingsRefused: Number(totalRow?.baseline_missing ?? 0) > 0,
    reports: [
      { report: REPORTS.cost, groupBy, rows: rowsOf('present_f', (r) => costFigures(r, false)) },
      {
        report: REPORTS.costShared,
        groupBy,
        rows: rowsOf('present_t', (r) => costFigures(r, true)),
      },
      { report: REPORTS.unit, groupBy, rows: rowsOf('present_f', unitOf) },
      { report: REPORTS.savings, groupBy, rows: rowsOf('present_f', savingsFigures) },
    ],
  };
}

export function auditedGroupings(rows: AuditRows): AuditedGrouping[] {
  return [rows.total, ...rows.groupings].map((g) => grouping(g, rows.total));
}

export const auditedCrossover = (rows: AuditRows): ReportFigures => ({
  report: REPORTS.crossover,
  groupBy: 'model',
  rows: new Map(rows.crossover.map((r) => [String(r.model), crossoverFigures(r)])),
});
