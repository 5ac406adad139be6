import type { MessageInitShape } from '@bufbuild/protobuf';
import type { CrossoverRowSchema } from '@sluice/proto';
import type { Window } from '../ledger/capacity-cost.js';
import { tokenCost, type TokenPrice } from '../ledger/cost.js';
import { divideRounded, type Picos } from '../ledger/money.js';
import { resourceRef, usageCounts } from './economics.mapping.js';
import type { GroupFigures } from './figures.js';
import { tripleSum } from './group-sums.js';
import type { SpanCapacity } from './self-hosted.js';
import { ratio, usd } from './wire-money.js';
import { wireInt64 } from './wire-int64.js';

const HOUR_MS = 3_600_000n;
const MONTH_HOURS = 720n;

export interface CrossoverInput {
  readonly model: string;
  readonly tier: string;
  /** The model's row of the caller's traffic, idle-only cost merged in when visible. */
  readonly figures: GroupFigures;
  readonly capacity: SpanCapacity | undefined;
  readonly reference: { readonly model: string; readonly price: TokenPrice };
  readonly window: Window;
}

/**
 * Self-hosted vs hosted on the same tokens. Break-even: the hosted reference costs
 * hosted_cost / tokens per token, so it costs the self-hosted hourly spend at
 * hourly x tokens / hosted_cost tokens an hour (rounded down: above it self-hosting is cheaper).
 */
export function crossoverRow(input: CrossoverInput): MessageInitShape<typeof CrossoverRowSchema> {
  const { figures, window } = input;
  const tokens = figures.sums.tokens;
  const served = tripleSum(tokens);
  const hosted: Picos = tokenCost(
    {
      inputTokens: Number(tokens.input),
      cachedInputTokens: Number(tokens.cached),
      outputTokens: Number(tokens.output),
    },
    input.reference.price,
  );
  const windowMs = BigInt(window.to.getTime() - window.from.getTime());
  const hourly = divideRounded(figures.selfHostedUsd * HOUR_MS, windowMs);
  const breakEven = hosted === 0n || served === 0n ? 0n : (hourly * served) / hosted;
  const calls = figures.sums.modelCalls;
  return {
    model: resourceRef(input.model),
    tier: input.tier,
    hostedReference: resourceRef(input.reference.model),
    usage: usageCounts(figures.sums),
    selfHostedCostUsd: usd(figures.selfHostedUsd),
    idleCostUsd: usd(figures.idleUsd),
    utilization: ratio(input.capacity?.busyReplicaTime ?? 0n, input.capacity?.replicaTime ?? 0n),
    hostedCostUsd: usd(hosted),
    selfHostedHourlyUsd: usd(hourly),
    tokensPerHour: (Number(served) * 3_600_000) / Number(windowMs),
    breakEvenTokensPerHour: wireInt64(breakEven),
    breakEvenQueriesPerMonth: wireInt64(
      served === 0n ? 0n : (breakEven * MONTH_HOURS * calls) / served,
    ),
  };
}
