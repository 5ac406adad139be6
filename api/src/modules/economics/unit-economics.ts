import type { MessageInitShape } from '@bufbuild/protobuf';
import type { OutcomeCostSchema, TierShareSchema, UnitEconomicsRowSchema } from '@sluice/proto';
import type { Picos } from '../ledger/money.js';
import type { OutcomeFact } from './economics.repository.js';
import { groupValues, resourceRef, usageCounts } from './economics.mapping.js';
import type { GroupFigures } from './figures.js';
import { breakdown } from './row-math.js';
import { shareOf, type SpanCapacity } from './self-hosted.js';
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

/** What the decisions linked to an outcome cost: token-priced usage plus their GPU share. */
export function linkedCost(
  outcome: OutcomeFact,
  capacity: (model: string) => SpanCapacity | undefined,
): Picos {
  let total = 0n;
  for (const linked of outcome.linked) {
    const cap = capacity(linked.model);
    total +=
      linked.costUsd +
      (cap === undefined ? 0n : shareOf(cap.costUsd, linked.tokens, cap.servedTokens));
  }
  return total;
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
