import type { MessageInitShape } from '@bufbuild/protobuf';
import type { OutcomeCostSchema, TierShareSchema, UnitEconomicsRowSchema } from '@sluice/proto';
import type { Picos } from '../ledger/money.js';
import type { OutcomeFact } from './economics.repository.js';
import { groupValues, resourceRef, usageCounts } from './economics.mapping.js';
import type { GroupFigures } from './figures.js';
import { breakdown } from './row-math.js';
import { floorShare } from './floor-split.js';
import type { LedgerView } from './ledger-view.js';
import { perUnit, ratio, usd } from './wire-money.js';
import { wireInt64 } from './wire-int64.js';

type Row = MessageInitShape<typeof UnitEconomicsRowSchema>;
const byCountThenName = <T extends [string, bigint]>(a: T, b: T) =>
  a[1] === b[1] ? a[0].localeCompare(b[0]) : a[1] > b[1] ? -1 : 1;

function routing(figures: GroupFigures): Array<MessageInitShape<typeof TierShareSchema>> {
  const tiers = [...figures.sums.routing].map(
    ([tier, models]) => [tier, [...models.values()].reduce((a, b) => a + b, 0n), models] as const,
  );
  return tiers
    .sort((a, b) => byCountThenName([a[0], a[1]], [b[0], b[1]]))
    .map(([tier, queries, models]) => ({
      tier,
      queries,
      share: ratio(queries, figures.sums.requests),
      models: [...models]
        .sort(byCountThenName)
        .map(([model, n]) => ({ model: resourceRef(model), queries: n, share: ratio(n, queries) })),
    }));
}

/** What the decisions linked to an outcome cost: token-priced usage plus their GPU charge. */
export function linkedCost(
  outcome: OutcomeFact,
  gpuCharge: (model: string, tokens: bigint) => Picos,
): Picos {
  let total = 0n;
  for (const linked of outcome.linked)
    total += linked.costUsd + gpuCharge(linked.model, linked.tokens);
  return total;
}

/**
 * Linked decisions are raw rows, not cells, and the read gives their tokens per model over the
 * window: they are charged as one cell of the window would be, floor(used x t / S) over the
 * window's model hours, plus with share_idle floor(I x t / T) of the window's idle line.
 */
export function windowGpuCharge(
  view: Pick<LedgerView, 'modelHours' | 'allocation'>,
  shareIdle: boolean,
): (model: string, tokens: bigint) => Picos {
  return (model, tokens) => {
    const hours = view.modelHours(model);
    const used = hours.reduce((sum, h) => sum + h.usedUsd, 0n);
    const served = hours.reduce((sum, h) => sum + h.servedTokens, 0n);
    const line = view.allocation.lines.find((l) => l.model === model);
    const idle =
      shareIdle && line !== undefined ? floorShare(line.idleUsd, tokens, line.servedTokens) : 0n;
    return floorShare(used, tokens, served) + idle;
  };
}

export interface OutcomeTotals {
  readonly name: string;
  count: bigint;
  valueUsd: Picos;
  linkedUsd: Picos;
}

function outcomeCosts(
  cost: Picos,
  outcomes: readonly OutcomeTotals[],
): Array<MessageInitShape<typeof OutcomeCostSchema>> {
  return [...outcomes]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((o) => ({
      outcome: o.name,
      count: wireInt64(o.count),
      valueUsd: usd(o.valueUsd),
      costPerOutcomeUsd: perUnit(cost, o.count),
      linkedCostPerOutcomeUsd: perUnit(o.linkedUsd, o.count),
    }));
}

const mean = (sum: bigint, count: bigint) => (count === 0n ? 0 : Number(sum) / Number(count));

/** One UnitEconomicsRow: per-unit money exact, rates and means as doubles (economics.proto). */
export function unitRow(
  groupBy: readonly string[],
  figures: GroupFigures,
  outcomes: readonly OutcomeTotals[],
): Row {
  const { sums } = figures;
  const cost = breakdown(figures);
  const inputTokens = sums.tokens.input + sums.tokens.cached;
  const hits = sums.exactHits + sums.semanticHits;
  return {
    group: groupValues(groupBy, sums.values),
    usage: usageCounts(sums),
    costUsd: usd(cost.total),
    costPerQueryUsd: perUnit(cost.total, sums.requests),
    costPerMillionInputTokensUsd: perUnit(cost.input + cost.cached, inputTokens, 1_000_000n),
    costPerMillionOutputTokensUsd: perUnit(cost.output, sums.tokens.output, 1_000_000n),
    idleCostUsd: usd(cost.idle),
    meanInputTokens: mean(inputTokens, sums.modelCalls),
    meanOutputTokens: mean(sums.tokens.output, sums.modelCalls),
    cache: {
      exactHits: sums.exactHits,
      semanticHits: sums.semanticHits,
      exactHitRate: ratio(sums.exactHits, sums.requests),
      semanticHitRate: ratio(sums.semanticHits, sums.requests),
      hitRate: ratio(hits, sums.requests),
    },
    routing: routing(figures),
    outcomes: outcomeCosts(cost.total, outcomes),
  };
}
