// --from/--to of `sluice economics`: RFC 3339 instants, or durations before now ("-24h", "-7d").
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `-24h`, `now` or an RFC 3339 instant, relative to `now`. */
export function parseInstant(text: string, now: Date): Date {
  if (text === 'now') return now;
  const relative = /^-(\d+)([mhdw])$/.exec(text);
  if (relative)
    return new Date(now.getTime() - Number(relative[1]) * (UNIT_MS[relative[2] ?? ''] ?? 0));
  // Date.parse takes far more than RFC 3339; insist on a date with a time and a zone.
  const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
  const date = new Date(text);
  if (!rfc3339.test(text) || Number.isNaN(date.getTime())) {
    throw new Error(
      `${text}: expected now, -<n>m|h|d|w or an RFC 3339 time like 2026-11-02T00:00:00Z`,
    );
  }
  return date;
}

export interface Window {
  readonly start: Date;
  readonly end: Date;
}

/** The half-open window the flags name; the server checks order and span. */
export function parseWindow(from: string, to: string, now = new Date()): Window {
  return { start: parseInstant(from, now), end: parseInstant(to, now) };
}

/** `model,tier,tag:team` as group_by entries, blanks dropped. */
export const parseGroupBy = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** `--filter tag:team=search,support`: one DimensionFilter per flag. */
export function parseFilters(flags: readonly string[]): { dimension: string; values: string[] }[] {
  return flags.map((flag) => {
    const at = flag.indexOf('=');
    if (at <= 0) throw new Error(`--filter ${flag}: expected dimension=value[,value...]`);
    return { dimension: flag.slice(0, at), values: parseGroupBy(flag.slice(at + 1)) };
  });
}
