import { halfUp } from './audit-ledger.sql.js';

/** A grouping's SQL: dimension expressions over audit_atoms/audit_raw, tag keys as parameters. */
export interface GroupSql {
  readonly dims: string[];
  readonly params: string[];
}

const COLUMNS = new Set(['model', 'tier', 'provider', 'template']);

/** group_by -> SQL expressions; tag keys are bound (never spliced), other names whitelisted. */
export function groupSql(groupBy: readonly string[]): GroupSql {
  const params: string[] = [];
  const dims = groupBy.map((dimension) => {
    if (COLUMNS.has(dimension)) return dimension;
    if (!dimension.startsWith('tag:')) throw new Error(`audit cannot group by ${dimension}`);
    params.push(dimension.slice(4));
    return `coalesce(tags ->> $${params.length}::text, '')`;
  });
  return { dims, params };
}

const selectDims = (dims: readonly string[]) => dims.map((d, i) => `${d} AS g${i}, `).join('');
const groupBy = (dims: readonly string[]) =>
  dims.length === 0 ? '' : `GROUP BY ${dims.map((_, i) => `g${i}`).join(', ')}`;
const ratio = (a: string, b: string) =>
  `CASE WHEN (${b}) = 0 THEN 0 ELSE ((${a})::numeric / (${b}))::float8 END`;
const perUnit = (a: string, b: string) => `CASE WHEN (${b}) = 0 THEN NULL ELSE ${halfUp(a, b)} END`;

/**
 * Sums per group (README "Allocation" 2-4, 7): `_f` without share_idle, `_t` with it. A group
 * exists when a cell or a non-zero idle line falls in it.
 */
export function groupSumsSql(g: GroupSql): string {
  return `
WITH s AS (
  SELECT ${selectDims(g.dims)}
    bool_or(kind = 'cell') AS has_cell,
    coalesce(sum(queries), 0) AS queries, coalesce(sum(model_calls), 0) AS model_calls, coalesce(sum(exact_hits), 0) AS exact_hits,
    coalesce(sum(semantic_hits), 0) AS semantic_hits, coalesce(sum(failed), 0) AS failed,
    coalesce(sum(call_input + call_cached), 0) AS input_tokens, coalesce(sum(call_cached), 0) AS cached_tokens,
    coalesce(sum(call_output), 0) AS output_tokens,
    coalesce(sum(ext), 0) AS external, coalesce(sum(u), 0) AS used, coalesce(sum(sh), 0) AS shared, coalesce(sum(idle_line), 0) AS idle_line,
    coalesce(sum(idle_rest), 0) AS idle_rest,
    coalesce(sum(ext_in + u_in), 0) AS in_f, coalesce(sum(ext_c + u_c), 0) AS c_f, coalesce(sum(ext_out + u_out + idle_line), 0) AS out_f,
    coalesce(sum(ext_in + u_in + sh_in), 0) AS in_t, coalesce(sum(ext_c + u_c + sh_c), 0) AS c_t,
    coalesce(sum(ext_out + u_out + sh_out + idle_rest), 0) AS out_t,
    coalesce(sum(baseline), 0) AS frontier, coalesce(sum(baseline_missing), 0) AS baseline_missing,
    coalesce(sum(no_cache_ext + no_cache_gpu), 0) AS no_cache_extra,
    coalesce(sum(ext + u) FILTER (WHERE shadow), 0) AS shadow_f
  FROM audit_atoms ${groupBy(g.dims)}
), f AS (
  SELECT s.*, external + used + idle_line AS total_f,
    external + used + shared + idle_rest AS total_t, external + used AS marginal,
    external + used + shared + idle_rest AS fully_loaded
  FROM s
)
SELECT f.*,
  (has_cell OR idle_line > 0) AS present_f, (has_cell OR idle_rest > 0) AS present_t,
  ${perUnit('total_f', 'queries')} AS cost_per_query,
  ${perUnit('(in_f + c_f) * 1000000', 'input_tokens')} AS cost_per_million_input,
  ${perUnit('out_f * 1000000', 'output_tokens')} AS cost_per_million_output,
  ${ratio('input_tokens', 'model_calls')} AS mean_input, ${ratio('output_tokens', 'model_calls')} AS mean_output,
  ${ratio('exact_hits', 'queries')} AS exact_rate, ${ratio('semantic_hits', 'queries')} AS semantic_rate,
  ${ratio('exact_hits + semantic_hits', 'queries')} AS hit_rate,
  total_f + no_cache_extra AS no_cache,
  frontier - total_f AS saved_frontier, ${ratio('frontier - total_f', 'frontier')} AS saved_frontier_ratio,
  no_cache_extra AS saved_cache, ${ratio('no_cache_extra', 'total_f + no_cache_extra')} AS saved_cache_ratio,
  frontier - marginal AS saved_marginal, ${ratio('frontier - marginal', 'frontier')} AS saved_marginal_ratio,
  frontier - fully_loaded AS saved_fully, ${ratio('frontier - fully_loaded', 'frontier')} AS saved_fully_ratio
FROM f`;
}

/** Routed queries per group, tier and model (cache hits count for the tier that would have answered). */
export function routingSql(g: GroupSql): string {
  return `
WITH q AS (
  SELECT ${selectDims(g.dims)} tier, model, count(*) AS queries
  FROM audit_raw WHERE NOT shadow
  GROUP BY ${[...g.dims.map((_, i) => `g${i}`), 'tier', 'model'].join(', ')}
), t AS (
  SELECT q.*, sum(queries) OVER (PARTITION BY ${['tier', ...g.dims.map((_, i) => `g${i}`)].join(', ')}) AS tier_queries,
    sum(queries) OVER (${g.dims.length === 0 ? '' : `PARTITION BY ${g.dims.map((_, i) => `g${i}`).join(', ')}`}) AS row_queries
  FROM q
)
SELECT t.*, ${ratio('tier_queries', 'row_queries')} AS tier_share,
  ${ratio('queries', 'tier_queries')} AS model_share
FROM t`;
}

/** Outcomes per group (tag groupings and the total only) with the row's cost per outcome. */
export function outcomesSql(g: GroupSql): string {
  const keys = g.dims.map((_, i) => `g${i}`);
  return `
WITH g AS (${groupSumsSql(g)}), o AS (
  SELECT ${selectDims(g.dims)} name, sum(quantity) AS count, sum(value) AS value
  FROM audit_outcomes GROUP BY ${[...keys, 'name'].join(', ')}
)
SELECT o.*, ${perUnit('g.total_f', 'o.count')} AS cost_per_outcome
FROM o JOIN g ${keys.length === 0 ? 'ON true' : `USING (${keys.join(', ')})`}`;
}
