// Tables for the human-readable output of the CLI (route, report, economics): cli-table3 with a
// compact border, numbers right-aligned, and the header in bold only on a terminal.
import Table from 'cli-table3';
import { paint, type Terminal } from './colour.js';

export type Cell = string | number;

export interface TableSpec {
  head: readonly string[];
  rows: readonly (readonly Cell[])[];
}

export function formatTable(spec: TableSpec, stream: Terminal): string {
  const table = new Table({
    head: spec.head.map((h) => paint('bold', h, stream)),
    // cli-table3 colours headers red by default, whatever the stream: colour is paint()'s job.
    style: { head: [], border: [], compact: true },
    colAligns: alignments(spec),
  });
  for (const row of spec.rows) table.push(row.map(String));
  return `${table.toString()}\n`;
}

/** A column of numbers only is right-aligned, as figures are read. */
function alignments(spec: TableSpec): ('left' | 'right')[] {
  return spec.head.map((_h, i) =>
    spec.rows.length > 0 && spec.rows.every((row) => typeof row[i] === 'number') ? 'right' : 'left',
  );
}
