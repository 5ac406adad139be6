// Instants as people type them for economics windows (`sluice economics --from`, the dashboard's
// `?from=`): "now", durations before now ("-24h", "-7d") or RFC 3339 times.
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export const INSTANT_SYNTAX = 'now, -<n>m|h|d|w or an RFC 3339 time like 2026-11-02T00:00:00Z';

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
    throw new Error(`${text}: expected ${INSTANT_SYNTAX}`);
  }
  return date;
}
