import { BUCKETS, type Judged } from './acceptance.js';

/** One policy's judged shadow pairs over the verdict window. */
export interface VerdictCounts {
  /** Index = smallOk bucket (0 to 9); pairs without a score count in byKind only. */
  readonly byBucket: readonly Judged[];
  readonly byKind: ReadonlyMap<string, Judged>;
}

export const NO_VERDICTS: VerdictCounts = {
  byBucket: Array.from({ length: BUCKETS }, () => ({ judged: 0, accepted: 0 })),
  byKind: new Map(),
};

/** The status lists hold at most this many kinds (the CRD's maxItems): the most judged first. */
export const MAX_KINDS = 32;

export type AcceptanceByKind = Array<{ kind: string; judged: number; accepted: number }>;
export type AcceptanceByScore = Array<{ fromPercent: number; judged: number; accepted: number }>;

/** status.classifier.acceptanceByKind: most judged first, then by name; '' reads "unlabelled". */
export function acceptanceByKind(counts: VerdictCounts): AcceptanceByKind {
  return [...counts.byKind]
    .map(([kind, j]) => ({ kind: kind === '' ? 'unlabelled' : kind, ...j }))
    .sort((a, b) => b.judged - a.judged || a.kind.localeCompare(b.kind))
    .slice(0, MAX_KINDS);
}

/** status.classifier.acceptanceByScore: the buckets that have judged pairs, lowest first. */
export function acceptanceByScore(counts: VerdictCounts): AcceptanceByScore {
  return counts.byBucket.flatMap((j, b) => (j.judged === 0 ? [] : [{ fromPercent: b * 10, ...j }]));
}

export const judgedTotal = (counts: VerdictCounts): number =>
  counts.byBucket.reduce((sum, j) => sum + j.judged, 0);
