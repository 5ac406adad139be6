// --from/--to of `sluice economics`: instants as common's parseInstant reads them.
import { parseInstant } from '@sluice/common';

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
