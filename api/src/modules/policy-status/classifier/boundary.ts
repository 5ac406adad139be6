/** One classifier.thresholds entry (crds/sluice.dev_routingpolicies.yaml). */
export interface Threshold {
  readonly tier: string;
  readonly minSmallOkPercent: number;
}

/** The lowest and highest boundary a list of thresholds can take and stay strictly decreasing. */
export interface BoundaryRange {
  readonly min: number;
  readonly max: number;
}

/**
 * The frontier boundary is the entry just above the last (the last is always 0): queries whose
 * smallOk is below it go to the last tier. undefined for fewer than two entries.
 */
export function boundaryOf(thresholds: readonly Threshold[]): number | undefined {
  return thresholds.at(-2)?.minSmallOkPercent;
}

/**
 * Above 0 (the last entry) and low enough that every entry above the boundary still fits below
 * 100, one point apart: with k entries above it, at most 100 - k.
 */
export function boundaryRange(thresholds: readonly Threshold[]): BoundaryRange {
  return { min: 1, max: 100 - Math.max(0, thresholds.length - 2) };
}

export const clampBoundary = (boundary: number, range: BoundaryRange): number =>
  Math.min(range.max, Math.max(range.min, Math.round(boundary)));

/**
 * The spec's thresholds with the frontier boundary set to `boundary` (clamped to its range).
 * Entries above keep their spec value unless the boundary passes them: then each moves up with
 * it, one point above the next, so the list stays strictly decreasing and the last stays 0.
 */
export function withBoundary(spec: readonly Threshold[], boundary: number): Threshold[] {
  const at = spec.length - 2;
  if (at < 0) return [...spec];
  const value = clampBoundary(boundary, boundaryRange(spec));
  return spec.map((entry, i) => {
    if (i === at) return { tier: entry.tier, minSmallOkPercent: value };
    if (i > at) return { tier: entry.tier, minSmallOkPercent: 0 };
    return {
      tier: entry.tier,
      minSmallOkPercent: Math.max(entry.minSmallOkPercent, value + at - i),
    };
  });
}
