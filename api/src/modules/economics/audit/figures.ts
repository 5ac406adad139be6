/**
 * The common shape both sides of the audit are reduced to: per report, grouping and row, named
 * figures typed by how they are compared (money to the picodollar, int64 exactly, doubles to a
 * relative 1e-9, text exactly). Money is picodollars as an integer string ('' for empty).
 */
export type FigureKind = 'money' | 'int' | 'double' | 'text';

export interface Value {
  readonly kind: FigureKind;
  readonly value: string;
}

export type FigureRow = Record<string, Value>;

/** One report for one grouping: rows by group label ("total" for the total row). */
export interface ReportFigures {
  readonly report: string;
  readonly groupBy: string;
  readonly rows: Map<string, FigureRow>;
}

/** What a report answered instead of rows (GetSavings' FAILED_PRECONDITION). */
export interface ReportRefusal {
  readonly report: string;
  readonly groupBy: string;
  readonly code: number;
}

export const money = (value: string): Value => ({ kind: 'money', value });
export const int = (value: bigint | number | string): Value => ({
  kind: 'int',
  value: String(value),
});
export const double = (value: number | string): Value => ({ kind: 'double', value: String(value) });
export const text = (value: string): Value => ({ kind: 'text', value });

export const TOTAL = 'total';
export const groupLabel = (values: readonly string[]): string => values.join(',');
