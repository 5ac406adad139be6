import type { Threshold } from './classifier-model.js';

/**
 * True when thresholds can turn any smallOk into a tier: at least two entries, each tier once,
 * minSmallOkPercent strictly decreasing and the last 0 (the CRD's CEL rules, checked again for
 * objects that skipped them and for status values another writer computed).
 */
export function validThresholds(thresholds: readonly Threshold[]): boolean {
  if (thresholds.length < 2 || thresholds.at(-1)?.minSmallOkPercent !== 0) return false;
  if (new Set(thresholds.map((t) => t.tier)).size !== thresholds.length) return false;
  return thresholds.every(
    (t, i) => i === 0 || t.minSmallOkPercent < (thresholds[i - 1]?.minSmallOkPercent ?? 0),
  );
}

/**
 * The status's thresholds (the calibration loop's, for classifier.target) when they are the
 * spec's tiers in the spec's order and valid; else undefined and the spec's apply. A status
 * written for an older spec (tiers renamed, reordered) is thus never half applied.
 */
export function statusThresholds(
  spec: readonly Threshold[],
  status: readonly Threshold[] | undefined,
): readonly Threshold[] | undefined {
  if (status === undefined || status.length !== spec.length) return undefined;
  if (!status.every((t, i) => t.tier === spec[i]?.tier)) return undefined;
  return validThresholds(status) ? status : undefined;
}

/**
 * The first entry whose minSmallOkPercent is at or below smallOk, and whether it is the last one
 * (complex). Percent compares on the whole-percent scale the CRD uses: smallOk 0.695 is 69.5%,
 * below a 70 threshold.
 */
export function tierByThreshold(
  thresholds: readonly Threshold[],
  smallOk: number,
): { readonly tier: string; readonly last: boolean } {
  const percent = smallOk * 100;
  const index = thresholds.findIndex((t) => t.minSmallOkPercent <= percent);
  const at = index === -1 ? thresholds.length - 1 : index;
  return { tier: thresholds[at]?.tier ?? '', last: at === thresholds.length - 1 };
}
