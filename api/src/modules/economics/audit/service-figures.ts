import type {
  CostRow,
  CrossoverRow,
  GroupValue,
  SavingsRow,
  UnitEconomicsRow,
  UsageCounts,
} from '@sluice/proto';
import { parseScaled, PICO_DECIMALS } from '../../ledger/money.js';
import { double, groupLabel, int, money, text, type FigureRow } from './figures.js';

/** Wire money ("12.5", "-3", "") as picodollars; '' stays '' (an empty per-unit figure). */
const usd = (value: string): string =>
  value === '' ? '' : parseScaled(value, PICO_DECIMALS).toString();

export const serviceGroup = (group: readonly GroupValue[]): string =>
  groupLabel(group.map((g) => g.value));

const usage = (u: UsageCounts | undefined): FigureRow => ({
  'usage.queries': int(u?.queries ?? 0n),
  'usage.model_calls': int(u?.modelCalls ?? 0n),
  'usage.cache_hits': int(u?.cacheHits ?? 0n),
  'usage.failed_calls': int(u?.failedCalls ?? 0n),
  'usage.input_tokens': int(u?.inputTokens ?? 0n),
  'usage.cached_input_tokens': int(u?.cachedInputTokens ?? 0n),
  'usage.output_tokens': int(u?.outputTokens ?? 0n),
});

export function costFigures(row: CostRow): FigureRow {
  const c = row.cost;
  return {
    ...usage(row.usage),
    'cost.total_usd': money(usd(c?.totalUsd ?? '')),
    'cost.external_usd': money(usd(c?.externalUsd ?? '')),
    'cost.self_hosted_usd': money(usd(c?.selfHostedUsd ?? '')),
    'cost.idle_usd': money(usd(c?.idleUsd ?? '')),
    'cost.used_usd': money(usd(c?.usedUsd ?? '')),
    'cost.shared_idle_usd': money(usd(c?.sharedIdleUsd ?? '')),
    'cost.input_usd': money(usd(c?.inputUsd ?? '')),
    'cost.cached_input_usd': money(usd(c?.cachedInputUsd ?? '')),
    'cost.output_usd': money(usd(c?.outputUsd ?? '')),
  };
}

export function unitFigures(row: UnitEconomicsRow): FigureRow {
  const figures: FigureRow = {
    ...usage(row.usage),
    cost_usd: money(usd(row.costUsd)),
    cost_per_query_usd: money(usd(row.costPerQueryUsd)),
    cost_per_million_input_tokens_usd: money(usd(row.costPerMillionInputTokensUsd)),
    cost_per_million_output_tokens_usd: money(usd(row.costPerMillionOutputTokensUsd)),
    idle_cost_usd: money(usd(row.idleCostUsd)),
    mean_input_tokens: double(row.meanInputTokens),
    mean_output_tokens: double(row.meanOutputTokens),
    'cache.exact_hits': int(row.cache?.exactHits ?? 0n),
    'cache.semantic_hits': int(row.cache?.semanticHits ?? 0n),
    'cache.exact_hit_rate': double(row.cache?.exactHitRate ?? 0),
    'cache.semantic_hit_rate': double(row.cache?.semanticHitRate ?? 0),
    'cache.hit_rate': double(row.cache?.hitRate ?? 0),
  };
  for (const tier of row.routing) {
    figures[`routing[${tier.tier}].queries`] = int(tier.queries);
    figures[`routing[${tier.tier}].share`] = double(tier.share);
    for (const m of tier.models) {
      const key = `routing[${tier.tier}][${m.model?.namespace ?? ''}/${m.model?.name ?? ''}]`;
      figures[`${key}.queries`] = int(m.queries);
      figures[`${key}.share`] = double(m.share);
    }
  }
  for (const o of row.outcomes) {
    figures[`outcomes[${o.outcome}].count`] = int(o.count);
    figures[`outcomes[${o.outcome}].value_usd`] = money(usd(o.valueUsd));
    figures[`outcomes[${o.outcome}].cost_per_outcome_usd`] = money(usd(o.costPerOutcomeUsd));
  }
  return figures;
}

export const savingsFigures = (row: SavingsRow): FigureRow => ({
  queries: int(row.queries),
  actual_cost_usd: money(usd(row.actualCostUsd)),
  frontier_baseline_cost_usd: money(usd(row.frontierBaselineCostUsd)),
  saved_vs_frontier_usd: money(usd(row.savedVsFrontierUsd)),
  saved_vs_frontier_ratio: double(row.savedVsFrontierRatio),
  no_cache_cost_usd: money(usd(row.noCacheCostUsd)),
  saved_by_cache_usd: money(usd(row.savedByCacheUsd)),
  saved_by_cache_ratio: double(row.savedByCacheRatio),
  shadow_cost_usd: money(usd(row.shadowCostUsd)),
  marginal_cost_usd: money(usd(row.marginalCostUsd)),
  fully_loaded_cost_usd: money(usd(row.fullyLoadedCostUsd)),
  saved_marginal_usd: money(usd(row.savedMarginalUsd)),
  saved_marginal_ratio: double(row.savedMarginalRatio),
  saved_fully_loaded_usd: money(usd(row.savedFullyLoadedUsd)),
  saved_fully_loaded_ratio: double(row.savedFullyLoadedRatio),
});

const ref = (r: { namespace: string; name: string } | undefined) =>
  r === undefined ? '' : `${r.namespace}/${r.name}`;

export const crossoverFigures = (row: CrossoverRow): FigureRow => ({
  tier: text(row.tier),
  hosted_reference: text(ref(row.hostedReference)),
  ...usage(row.usage),
  self_hosted_cost_usd: money(usd(row.selfHostedCostUsd)),
  idle_cost_usd: money(usd(row.idleCostUsd)),
  utilization: double(row.utilization),
  hosted_cost_usd: money(usd(row.hostedCostUsd)),
  self_hosted_hourly_usd: money(usd(row.selfHostedHourlyUsd)),
  tokens_per_hour: double(row.tokensPerHour),
  break_even_tokens_per_hour: int(row.breakEvenTokensPerHour),
  break_even_queries_per_month: int(row.breakEvenQueriesPerMonth),
  run_hours: double(row.runHours),
  replica_hours: double(row.replicaHours),
  gpu_cost_usd: money(usd(row.gpuCostUsd)),
  needed_replicas: int(row.neededReplicas),
  needed_replicas_hourly_usd: money(usd(row.neededReplicasHourlyUsd)),
  hosted_hourly_usd: money(usd(row.hostedHourlyUsd)),
  cheaper: text(row.cheaper),
});
