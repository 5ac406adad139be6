import { double, int, money, text, type FigureRow } from './figures.js';

/** A row from the audit SQL: numeric as text, float8 as number, counts as text (bigint). */
export type SqlRow = Record<string, string | number | boolean | null>;
type Cell = SqlRow[string] | undefined;

const str = (v: Cell): string => (v === null || v === undefined ? '' : String(v));

/** numeric picodollars (an integer, perhaps with ".000") as an integer string; null -> ''. */
export function picos(v: Cell): string {
  const s = str(v);
  if (s === '') return '';
  const [whole = '', fraction = ''] = s.split('.');
  if (/[^0]/.test(fraction)) throw new Error(`audit SQL produced a fraction of a picodollar: ${s}`);
  return BigInt(whole).toString();
}

export const dimValues = (r: SqlRow, n: number): string[] =>
  Array.from({ length: n }, (_, i) => str(r[`g${i}`]));

const usage = (r: SqlRow, prefix = 'usage.'): FigureRow => ({
  [`${prefix}queries`]: int(str(r.queries)),
  [`${prefix}model_calls`]: int(str(r.model_calls)),
  [`${prefix}cache_hits`]: int(BigInt(str(r.exact_hits)) + BigInt(str(r.semantic_hits))),
  [`${prefix}failed_calls`]: int(str(r.failed)),
  [`${prefix}input_tokens`]: int(str(r.input_tokens)),
  [`${prefix}cached_input_tokens`]: int(str(r.cached_tokens)),
  [`${prefix}output_tokens`]: int(str(r.output_tokens)),
});

const plus = (...values: Array<Cell>) =>
  values.reduce<bigint>((sum, v) => sum + BigInt(picos(v) || '0'), 0n).toString();

/** GetCostReport's figures of one group, with or without share_idle. */
export function costFigures(r: SqlRow, share: boolean): FigureRow {
  const s = share ? 't' : 'f';
  const idle = share ? plus(r.shared, r.idle_rest) : picos(r.idle_line);
  return {
    ...usage(r),
    'cost.total_usd': money(picos(r[`total_${s}`])),
    'cost.external_usd': money(picos(r.external)),
    'cost.self_hosted_usd': money(plus(r.used, idle)),
    'cost.idle_usd': money(idle),
    'cost.used_usd': money(picos(r.used)),
    'cost.shared_idle_usd': money(share ? picos(r.shared) : '0'),
    'cost.input_usd': money(picos(r[`in_${s}`])),
    'cost.cached_input_usd': money(picos(r[`c_${s}`])),
    'cost.output_usd': money(picos(r[`out_${s}`])),
  };
}

/** GetUnitEconomics' figures of one group (routing and outcomes are added by the caller). */
export const unitFigures = (r: SqlRow): FigureRow => ({
  ...usage(r),
  cost_usd: money(picos(r.total_f)),
  cost_per_query_usd: money(picos(r.cost_per_query)),
  cost_per_million_input_tokens_usd: money(picos(r.cost_per_million_input)),
  cost_per_million_output_tokens_usd: money(picos(r.cost_per_million_output)),
  idle_cost_usd: money(picos(r.idle_line)),
  mean_input_tokens: double(Number(r.mean_input)),
  mean_output_tokens: double(Number(r.mean_output)),
  'cache.exact_hits': int(str(r.exact_hits)),
  'cache.semantic_hits': int(str(r.semantic_hits)),
  'cache.exact_hit_rate': double(Number(r.exact_rate)),
  'cache.semantic_hit_rate': double(Number(r.semantic_rate)),
  'cache.hit_rate': double(Number(r.hit_rate)),
});

/** GetSavings' figures of one group (share_idle unset). */
export const savingsFigures = (r: SqlRow): FigureRow => ({
  queries: int(str(r.queries)),
  actual_cost_usd: money(picos(r.total_f)),
  frontier_baseline_cost_usd: money(picos(r.frontier)),
  saved_vs_frontier_usd: money(signed(r.saved_frontier)),
  saved_vs_frontier_ratio: double(Number(r.saved_frontier_ratio)),
  no_cache_cost_usd: money(picos(r.no_cache)),
  saved_by_cache_usd: money(signed(r.saved_cache)),
  saved_by_cache_ratio: double(Number(r.saved_cache_ratio)),
  shadow_cost_usd: money(picos(r.shadow_f)),
  marginal_cost_usd: money(picos(r.marginal)),
  fully_loaded_cost_usd: money(picos(r.fully_loaded)),
  saved_marginal_usd: money(signed(r.saved_marginal)),
  saved_marginal_ratio: double(Number(r.saved_marginal_ratio)),
  saved_fully_loaded_usd: money(signed(r.saved_fully)),
  saved_fully_loaded_ratio: double(Number(r.saved_fully_ratio)),
});

function signed(v: Cell): string {
  const s = str(v);
  return s.startsWith('-') ? `-${picos(s.slice(1))}` : picos(s);
}

/** GetCrossover's figures of one model. */
export const crossoverFigures = (r: SqlRow): FigureRow => ({
  tier: text(str(r.tier)),
  hosted_reference: text(str(r.reference)),
  ...usage(r, 'usage.'),
  self_hosted_cost_usd: money(picos(r.self_hosted)),
  idle_cost_usd: money(picos(r.idle)),
  utilization: double(Number(r.utilization)),
  hosted_cost_usd: money(picos(r.hosted)),
  self_hosted_hourly_usd: money(picos(r.self_hourly)),
  tokens_per_hour: double(Number(r.tokens_per_hour)),
  break_even_tokens_per_hour: int(picos(r.break_even)),
  break_even_queries_per_month: int(picos(r.break_even_qpm)),
  run_hours: double(Number(r.run_hours)),
  replica_hours: double(Number(r.replica_hours)),
  gpu_cost_usd: money(picos(r.gpu)),
  needed_replicas: int(str(r.needed)),
  needed_replicas_hourly_usd: money(picos(r.needed_hourly)),
  hosted_hourly_usd: money(picos(r.hosted_hourly)),
  cheaper: text(str(r.cheaper)),
});
