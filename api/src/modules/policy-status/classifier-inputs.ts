import type { DataSource } from 'typeorm';
import { BUCKETS, type Judged } from './classifier/acceptance.js';
import { emptyHistogram, HISTOGRAM_SIZE } from './classifier/score-histogram.js';
import type { VerdictCounts } from './classifier/verdict-counts.js';

/** What the calibration reads per policy (keyed `namespace/name`); absent: nothing recorded. */
export interface ClassifierInputs {
  readonly scores: ReadonlyMap<string, number[]>;
  readonly verdicts: ReadonlyMap<string, VerdictCounts>;
}

// Whole-percent bins, as the engine compares smallOk * 100 with a boundary: at most 101 rows per
// policy whatever the traffic. Queries only: shadow calls and cache answers reach no tier by
// the classifier's choice.
const SCORES = `
  SELECT policy_namespace, policy_name,
    least(100, greatest(0, floor(small_ok * 100)))::int AS bin, count(*) AS n
  FROM route_decisions
  WHERE created_at > $1::timestamptz - make_interval(secs => $2) AND created_at <= $1::timestamptz
    AND small_ok IS NOT NULL AND NOT shadow AND cache_kind = 'none'
  GROUP BY 1, 2, 3`;

const VERDICTS = `
  SELECT policy_namespace, policy_name, small_ok_bucket, task_kind,
    count(*) AS judged, count(*) FILTER (WHERE acceptable) AS accepted
  FROM shadow_verdicts
  WHERE judged_at > $1::timestamptz - make_interval(secs => $2) AND judged_at <= $1::timestamptz
  GROUP BY 1, 2, 3, 4`;

interface ScoreRow {
  readonly policy_namespace: string;
  readonly policy_name: string;
  readonly bin: number;
  readonly n: string;
}

interface VerdictRow {
  readonly policy_namespace: string;
  readonly policy_name: string;
  readonly small_ok_bucket: number | null;
  readonly task_kind: string;
  readonly judged: string;
  readonly accepted: string;
}

const keyOf = (row: { policy_namespace: string; policy_name: string }) =>
  `${row.policy_namespace}/${row.policy_name}`;

/** Every policy's recent scores and judged pairs: two grouped queries per pass. */
export async function classifierInputs(
  dataSource: DataSource,
  now: Date,
  windows: { readonly scoreSeconds: number; readonly verdictSeconds: number },
): Promise<ClassifierInputs> {
  const at = now.toISOString();
  const scoreRows: ScoreRow[] = await dataSource.query(SCORES, [at, windows.scoreSeconds]);
  const verdictRows: VerdictRow[] = await dataSource.query(VERDICTS, [at, windows.verdictSeconds]);
  const scores = new Map<string, number[]>();
  for (const row of scoreRows) {
    const bins = scores.get(keyOf(row)) ?? emptyHistogram();
    scores.set(keyOf(row), bins);
    if (row.bin >= 0 && row.bin < HISTOGRAM_SIZE) bins[row.bin] = Number(row.n);
  }
  return { scores, verdicts: verdictCounts(verdictRows) };
}

function verdictCounts(rows: readonly VerdictRow[]): Map<string, VerdictCounts> {
  const byPolicy = new Map<string, { byBucket: Judged[]; byKind: Map<string, Judged> }>();
  const add = (a: Judged | undefined, b: Judged): Judged => ({
    judged: (a?.judged ?? 0) + b.judged,
    accepted: (a?.accepted ?? 0) + b.accepted,
  });
  for (const row of rows) {
    const empty = () => Array.from({ length: BUCKETS }, () => ({ judged: 0, accepted: 0 }));
    const counts = byPolicy.get(keyOf(row)) ?? {
      byBucket: empty(),
      byKind: new Map<string, Judged>(),
    };
    byPolicy.set(keyOf(row), counts);
    const judged = { judged: Number(row.judged), accepted: Number(row.accepted) };
    const bucket = row.small_ok_bucket;
    if (bucket !== null) counts.byBucket[bucket] = add(counts.byBucket[bucket], judged);
    counts.byKind.set(row.task_kind, add(counts.byKind.get(row.task_kind), judged));
  }
  return byPolicy;
}
