import type { MessageInitShape } from '@bufbuild/protobuf';
import type { SavingsRowSchema } from '@sluice/proto';
import { GrpcStatus, SluiceError } from '../../grpc/sluice-error.js';
import type { Picos } from '../ledger/money.js';
import { groupValues } from './economics.mapping.js';
import type { GroupFigures } from './figures.js';
import { breakdown } from './row-math.js';
import { ratio, usd } from './wire-money.js';

export interface Savings {
  /** What the row is charged, with the request's share_idle. */
  readonly actual: Picos;
  /** External + used GPU cost: no idle (README "Allocation" 7). */
  readonly marginal: Picos;
  /** Marginal + its idle shares (share_idle or not) + the idle lines the caller sees. */
  readonly fullyLoaded: Picos;
  readonly frontier: Picos;
  readonly noCache: Picos;
  /** Part of `actual`: shadow calls' external cost plus their share of GPU cost. */
  readonly shadow: Picos;
}

/**
 * Actual, marginal and fully loaded cost: README "Allocation" 7. Baseline: what the ledger priced at ingest for each query on its decision's baseline model at
 * that instant (usage_records.baseline_cost_usd, cache hits with their source's tokens). No cache:
 * the actual cost plus each hit priced on the model that would have answered: at its token price
 * at ingest, or, self-hosted, at its model hour's used cost per token (README 5).
 */
export function savings(figures: GroupFigures): Savings {
  const cost = breakdown(figures);
  const actual = cost.total;
  const marginal = cost.external + figures.usedUsd;
  return {
    actual,
    marginal,
    fullyLoaded: marginal + figures.loadedIdleUsd,
    frontier: figures.sums.baselineUsd,
    noCache: actual + figures.sums.noCacheUsd + figures.noCacheSelfUsd,
    shadow: figures.sums.shadowExternalUsd + figures.shadowSelfUsd,
  };
}

/** economics.proto: a baseline that cannot be priced is FAILED_PRECONDITION, never a guess. */
export function requireBaseline(total: GroupFigures): void {
  const missing = total.sums.requests - total.sums.baselineRequests;
  if (missing > 0n) {
    throw new SluiceError(
      GrpcStatus.FAILED_PRECONDITION,
      `${missing} of ${total.sums.requests} queries have no token-priced baseline model (none, unpriced, or self-hosted)`,
    );
  }
}

export function savingsRow(
  groupBy: readonly string[],
  figures: GroupFigures,
): MessageInitShape<typeof SavingsRowSchema> {
  const s = savings(figures);
  const savedVsFrontier = s.frontier - s.actual;
  const savedByCache = s.noCache - s.actual;
  const savedMarginal = s.frontier - s.marginal;
  const savedFullyLoaded = s.frontier - s.fullyLoaded;
  return {
    group: groupValues(groupBy, figures.sums.values),
    queries: figures.sums.requests,
    actualCostUsd: usd(s.actual),
    frontierBaselineCostUsd: usd(s.frontier),
    savedVsFrontierUsd: usd(savedVsFrontier),
    savedVsFrontierRatio: ratio(savedVsFrontier, s.frontier),
    noCacheCostUsd: usd(s.noCache),
    savedByCacheUsd: usd(savedByCache),
    savedByCacheRatio: ratio(savedByCache, s.noCache),
    shadowCostUsd: usd(s.shadow),
    marginalCostUsd: usd(s.marginal),
    fullyLoadedCostUsd: usd(s.fullyLoaded),
    savedMarginalUsd: usd(savedMarginal),
    savedMarginalRatio: ratio(savedMarginal, s.frontier),
    savedFullyLoadedUsd: usd(savedFullyLoaded),
    savedFullyLoadedRatio: ratio(savedFullyLoaded, s.frontier),
  };
}
