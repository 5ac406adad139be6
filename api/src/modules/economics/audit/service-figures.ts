import { create } from '@bufbuild/protobuf';
import {
  CacheRatesSchema,
  CostBreakdownSchema,
  UsageCountsSchema,
  type CostRow,
  type CrossoverRow,
  type GroupValue,
  type SavingsRow,
  type UnitEconomicsRow,
  type UsageCounts,
} from '@sluice/proto';
import { parseScaled, PICO_DECIMALS } from '../../ledger/money.js';
import { double, groupLabel, int, money, text, type FigureRow } from './figures.js';

/** Wire money ("12.5", "-3", "") as picodollars; '' stays '' (an empty per-unit figure). */
const usd = (value: string): string =>
  value === '' ? '' : parseScaled(value, PICO_DECIMALS).toString();

const ref = (r: { namespace: string; name: string } | undefined) =>
  r === undefined ? '' : `${r.namespace}/${r.name}`;

export const serviceGroup = (group: readonly GroupValue[]): string =>
  groupLabel(group.map((g) => g.value));

const usage = (counts: UsageCounts | undefined): FigureRow => {
  const u = counts ?? create(UsageCountsSchema);
  return {
    'usage.queries': int(u.queries),
    'usage.model_calls': int(u.modelCalls),
    'usage.cache_hits': int(u.cacheHits),
    'usage.failed_calls': int(u.failedCalls),
    'usage.input_tokens': int(u.inputTokens),
    'usage.cached_input_tokens': int(u.cachedInputTokens),
    'usage.output_tokens': int(u.outputTokens),
  };
};

export function costFigures(row: CostRow): FigureRow {
  const c = row.cost ?? create(CostBreakdownSchema);
  return {
    ...usage(row.usage),
    'cost.total_usd': money(usd(c.totalUsd)),
    'cost.external_usd': money(usd(c.externalUsd)),
    'cost.self_hosted_usd': money(usd(c.selfHostedUsd)),
    'cost.idle_usd': money(usd(c.idleUsd)),
    'cost.used_usd': money(usd(c.usedUsd)),
    'cost.shared_idle_usd': money(usd(c.sharedIdleUsd)),
    'cost.input_usd': money(usd(c.inputUsd)),
    'cost.cached_input_usd': money(usd(c.cachedInputUsd)),
    'cost.output_usd': money(usd(c.outputUsd)),
  };
}

export function unitFigures(row: UnitEconomicsRow): FigureRow {
  const cache = row.cache ?? create(CacheRatesSchema);
  return {
    ...usage(row.usage),
    cost_usd: money(usd(row.costUsd)),
    cost_per_query_usd: money(usd(row.costPerQueryUsd)),
    cost_per_million_input_tokens_usd: money(usd(row.costPerMillionInputTokensUsd)),
    cost_per_million_output_tokens_usd: money(usd(row.costPerMillionOutputTokensUsd)),
    idle_cost_usd: money(usd(row.idleCostUsd)),
    mean_input_tokens: double(row.meanInputTokens),
    mean_output_tokens: double(row.meanOutputTokens),
    'cache.exact_hits': int(cache.exactHits),
    'cache.semantic_hits': int(cache.semanticHits),
    'cache.exact_hit_rate': double(cache.exactHitRate),
    'cache.semantic_hit_rate': double(cache.semanticHitRate),
    'cache.hit_rate': double(cache.hitRate),
    ...routingFigures(row),
    ...outcomeFigures(row),
  };
}

function routingFigures(row: UnitEconomicsRow): FigureRow {
  const figures: FigureRow = {};
  for (const tier of row.routing) {
    figures[`routing[${tier.tier}].queries`] = int(tier.queries);
    figures[`routing[${tier.tier}].share`] = double(tier.share);
    for (const m of tier.models) {
      const key = `routing[${tier.tier}][${ref(m.model)}]`;
      figures[`${key}.queries`] = int(m.queries);
      figures[`${key}.share`] = double(m.share);
    }
  }
  return figures;
}

function outcomeFigures(row: UnitEconomicsRow): FigureRow {
  const figures: FigureRow = {};
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
