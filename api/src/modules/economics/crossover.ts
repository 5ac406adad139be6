import type { MessageInitShape } from '@bufbuild/protobuf';
import type { CrossoverRowSchema } from '@sluice/proto';
import type { TokenPrice } from '../ledger/cost.js';
import { divideRounded, type Picos } from '../ledger/money.js';
import { runFigures, type RunFigures } from './crossover-capacity.js';
import { resourceRef, usageCounts } from './economics.mapping.js';
import type { GroupFigures } from './figures.js';
import { tripleSum, type Triple } from './group-sums.js';
import type { LatestCapacity } from './latest-capacity.js';
import type { AllocatedHour } from './model-hours.js';
import { ratio, usd } from './wire-money.js';
import { wireInt64 } from './wire-int64.js';

const HOUR_MS = 3_600_000n;
const MONTH_HOURS = 720n;
/** A GPU hourly price is in microdollars, money in picodollars. */
const PICOS_PER_MICRO = 1_000_000n;
/** needed_replicas is an int32: saturate rather than fail the reply (as wire-int64.ts does). */
const INT32_MAX = 2n ** 31n - 1n;

export interface CrossoverInput {
  readonly model: string;
  readonly tier: string;
  /** The caller's row for the model grouped by model: used, plus idle lines when it sees them. */
  readonly figures: GroupFigures;
  /** The model's hours in the window, ALL tenants' GPU time and traffic. */
  readonly hours: readonly AllocatedHour[];
  readonly latest: LatestCapacity | undefined;
  readonly reference: { readonly model: string; readonly price: TokenPrice };
}

/** The caller's tokens at the reference's prices (cached input at its cached price, if any). */
const hostedCost = (tokens: Triple, price: TokenPrice): Picos =>
  tokens.input * price.inputPer1M +
  tokens.cached * (price.cachedInputPer1M ?? price.inputPer1M) +
  tokens.output * price.outputPer1M;

/** An amount per running hour, half up; undefined when the model did not run. */
const perRunHour = (amount: Picos, run: RunFigures): Picos | undefined =>
  run.runMs === 0n ? undefined : divideRounded(amount * HOUR_MS, run.runMs);

const usdOrEmpty = (amount: Picos | undefined): string => (amount === undefined ? '' : usd(amount));

/**
 * The inverse question: would the replicas the traffic needed, at the latest price, cost less an
 * hour than the reference on the same traffic? '' when either side is not computable.
 */
function inverse(run: RunFigures, hosted: Picos, latest: LatestCapacity | undefined) {
  const computable = run.neededReplicas > 0n && latest !== undefined;
  const neededHourly = computable
    ? run.neededReplicas * BigInt(latest.gpusPerReplica) * latest.gpuHourlyUSD * PICOS_PER_MICRO
    : undefined;
  const hostedHourly = perRunHour(hosted, run);
  const cheaper =
    neededHourly === undefined || hostedHourly === undefined
      ? ''
      : neededHourly <= hostedHourly
        ? 'self-hosted'
        : 'hosted';
  return {
    neededReplicas: Number(run.neededReplicas > INT32_MAX ? INT32_MAX : run.neededReplicas),
    neededReplicasHourlyUsd: usdOrEmpty(neededHourly),
    hostedHourlyUsd: usdOrEmpty(hostedHourly),
    cheaper,
  };
}

/**
 * Self-hosted vs hosted on the caller's tokens, from the model's own running cost (SPEC 4): its
 * GPU cost over the time it ran, so the figure does not move with the window's length. The
 * reference costs hosted / tokens a token, so it costs the hourly spend at hourly x tokens /
 * hosted tokens an hour (rounded down: above it self-hosting is cheaper).
 */
export function crossoverRow(input: CrossoverInput): MessageInitShape<typeof CrossoverRowSchema> {
  const { figures } = input;
  const run = runFigures(input.hours);
  const tokens = tripleSum(figures.sums.tokens);
  const hosted = hostedCost(figures.sums.tokens, input.reference.price);
  const hourly = perRunHour(run.gpuCostUsd, run);
  const breakEven =
    hourly === undefined || tokens === 0n || hosted === 0n ? 0n : (hourly * tokens) / hosted;
  const calls = figures.sums.modelCalls;
  return {
    model: resourceRef(input.model),
    tier: input.tier,
    hostedReference: resourceRef(input.reference.model),
    usage: usageCounts(figures.sums),
    selfHostedCostUsd: usd(figures.selfHostedUsd),
    idleCostUsd: usd(figures.idleUsd),
    utilization: ratio(run.busyMs, run.capacityMs),
    hostedCostUsd: usd(hosted),
    selfHostedHourlyUsd: usdOrEmpty(hourly),
    tokensPerHour: run.runMs === 0n ? 0 : (Number(tokens) * 3_600_000) / Number(run.runMs),
    breakEvenTokensPerHour: wireInt64(breakEven),
    breakEvenQueriesPerMonth: wireInt64(
      tokens === 0n ? 0n : (breakEven * MONTH_HOURS * calls) / tokens,
    ),
    runHours: Number(run.runMs) / 3_600_000,
    replicaHours: Number(run.replicaMs) / 3_600_000,
    gpuCostUsd: usd(run.gpuCostUsd),
    ...inverse(run, hosted, input.latest),
  };
}
