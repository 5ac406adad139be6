/** What a column of a row to COPY may hold. */
export type CopyValue = string | number | boolean | null | undefined;

/**
 * One value in COPY's text format (postgresql.org/docs/current/sql-copy.html, "Text Format"):
 * NULL is \N; backslash, newline, carriage return and tab are backslash-escaped so a value can
 * never end its column or row early. NUL cannot be sent at all; reports are refused with it
 * before they get here (validate-usage.ts).
 */
export function copyTextValue(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  const text = String(value);
  return /[\\\n\r\t]/.test(text) ? text.replace(/[\\\n\r\t]/g, escape) : text;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

const escape = (c: string): string => ESCAPES[c] ?? c;

/** Rows (each a list of values) as COPY text: tab between columns, a newline after each row. */
export function copyTextRows(rows: ReadonlyArray<readonly CopyValue[]>): string {
  let text = '';
  for (const row of rows) text += `${row.map(copyTextValue).join('\t')}\n`;
  return text;
}
