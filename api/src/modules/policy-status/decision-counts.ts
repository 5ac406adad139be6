import type { DataSource } from 'typeorm';
import type { DecisionCounts } from './distribution.js';

/** Counts per policy, keyed `namespace/name`. */
export type CountsByPolicy = ReadonlyMap<string, DecisionCounts>;

interface Row {
  readonly policy_namespace: string;
  readonly policy_name: string;
  readonly tier: string;
  readonly cached: boolean;
  /** count(*) is bigint: pg returns it as a string. */
  readonly n: string;
}

// A cache answer is not a query routed to its tier: counted apart, as the status's cacheHits.
// A shadow call is not a query at all (it only measures the frontier tier): left out.
const SQL = `
  SELECT policy_namespace, policy_name, tier, cache_kind <> 'none' AS cached, count(*) AS n
  FROM route_decisions
  WHERE created_at > $1::timestamptz - make_interval(secs => $2) AND created_at <= $1::timestamptz
    AND NOT shadow
  GROUP BY policy_namespace, policy_name, tier, cached`;

/** The route_decisions of the last `windowSeconds` before `now`, for every policy: one query. */
export async function decisionCounts(
  dataSource: DataSource,
  now: Date,
  windowSeconds: number,
): Promise<CountsByPolicy> {
  const rows: Row[] = await dataSource.query(SQL, [now.toISOString(), windowSeconds]);
  const byPolicy = new Map<string, { tiers: Map<string, number>; cacheHits: number }>();
  for (const row of rows) {
    const key = `${row.policy_namespace}/${row.policy_name}`;
    const counts = byPolicy.get(key) ?? { tiers: new Map<string, number>(), cacheHits: 0 };
    byPolicy.set(key, counts);
    const n = Number(row.n);
    if (row.cached) counts.cacheHits += n;
    else counts.tiers.set(row.tier, (counts.tiers.get(row.tier) ?? 0) + n);
  }
  return byPolicy;
}
