// Reads `kubectl get` output (a tabwriter table) into rows keyed by column header. Cells are cut
// at the header's column starts, so an empty cell stays an empty string instead of shifting the
// cells after it.

export type Row = Record<string, string>;

export function readTable(text: string): Row[] {
  const [header = '', ...lines] = text.split('\n').filter((line) => line.trim() !== '');
  const columns = [...header.matchAll(/\S+/g)].map((m) => ({ name: m[0], start: m.index }));
  return lines.map((line) =>
    Object.fromEntries(
      columns.map((c, i) => [c.name, line.slice(c.start, columns[i + 1]?.start).trim()]),
    ),
  );
}
