import { z } from 'zod';

// Durations as Go's time.ParseDuration writes them ("15s", "500ms", "1m30s"), because the
// settings they configure (client-go's leader-election timings) are documented that way.

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/y;

/** "1m30s" -> 90000; undefined when the text is not a sequence of number+unit parts. */
export function parseDuration(text: string): number | undefined {
  PART.lastIndex = 0;
  let total = 0;
  while (PART.lastIndex < text.length) {
    const match = PART.exec(text);
    if (!match) return undefined;
    total += Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  }
  return text.length > 0 ? Math.round(total) : undefined;
}

/** 15000 -> "15s", 3600000 -> "1h", 1500 -> "1500ms": the largest exact unit, for messages. */
export function formatDuration(ms: number): string {
  const units = (['h', 'm', 's'] as const).filter((u) => ms > 0 && ms % UNIT_MS[u] === 0);
  const unit = units[0] ?? 'ms';
  return `${ms / UNIT_MS[unit]}${unit}`;
}

/** A duration setting, parsed to whole milliseconds and kept within [minMs, maxMs]. */
export function duration(minMs: number, maxMs: number, fallback: string) {
  const range = `from ${formatDuration(minMs)} to ${formatDuration(maxMs)}`;
  const expected = `expected a duration like 15s, 500ms or 1m30s, ${range}`;
  return z
    .string()
    .transform((value, ctx): number => {
      const ms = parseDuration(value);
      if (ms === undefined || ms < minMs || ms > maxMs)
        ctx.addIssue({ code: 'custom', message: expected });
      return ms ?? 0;
    })
    .prefault(fallback);
}
