import { usd } from '../wire-money.js';
import type { FigureRow, ReportFigures, Value } from './figures.js';

export interface Difference {
  readonly report: string;
  readonly groupBy: string;
  readonly group: string;
  readonly figure: string;
  readonly serviceValue: string;
  readonly auditValue: string;
}

export interface Comparison {
  checked: bigint;
  readonly differences: Difference[];
}

const RELATIVE_TOLERANCE = 1e-9;

/** Money and int64 exactly (as integer strings), doubles to a relative 1e-9, text exactly. */
export function same(service: Value, audit: Value): boolean {
  if (service.kind !== 'double' || audit.kind !== 'double') return service.value === audit.value;
  const a = Number(service.value);
  const b = Number(audit.value);
  return a === b || Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

/** A row one side lacks: one difference, its figures listed on the side that has it. */
const ROW = 'row';
const describe = (row: FigureRow | undefined): string =>
  row === undefined ? '' : `present (${shown(row['cost.total_usd'])})`.replace(' ()', '');

/** As the wire shows it: money in USD ("0.0275"), the rest as compared. */
const shown = (v: Value | undefined): string =>
  v === undefined || v.value === '' ? '' : v.kind === 'money' ? usd(BigInt(v.value)) : v.value;

function compareRow(
  into: Comparison,
  where: Omit<Difference, 'figure' | 'serviceValue' | 'auditValue'>,
  service: FigureRow,
  audit: FigureRow,
): void {
  const names = new Set([...Object.keys(service), ...Object.keys(audit)]);
  for (const figure of [...names].sort()) {
    const s = service[figure];
    const a = audit[figure];
    into.checked += 1n;
    if (s !== undefined && a !== undefined && same(s, a)) continue;
    into.differences.push({
      ...where,
      figure,
      serviceValue: shown(s),
      auditValue: shown(a),
    });
  }
}

/** Adds one report's comparison (same report and grouping on both sides) to `into`. */
export function compareReport(into: Comparison, service: ReportFigures, audit: ReportFigures) {
  const groups = new Set([...service.rows.keys(), ...audit.rows.keys()]);
  for (const group of [...groups].sort()) {
    const where = { report: service.report, groupBy: service.groupBy, group };
    const s = service.rows.get(group);
    const a = audit.rows.get(group);
    if (s !== undefined && a !== undefined) {
      compareRow(into, where, s, a);
      continue;
    }
    into.checked += 1n;
    into.differences.push({
      ...where,
      figure: ROW,
      serviceValue: describe(s),
      auditValue: describe(a),
    });
  }
}
