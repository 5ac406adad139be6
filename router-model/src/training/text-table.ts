/** A plain text table: first row is the header, columns right-aligned but the first. */
export function textTable(rows: ReadonlyArray<readonly string[]>): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  const line = (row: readonly string[]) =>
    row
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  ')
      .trimEnd();
  const [header, ...body] = rows;
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [header ? line(header) : '', rule, ...body.map(line)].join('\n');
}

/** A share or probability to 3 decimals. */
export const fixed3 = (value: number): string => value.toFixed(3);
