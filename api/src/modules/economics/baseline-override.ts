// GetSavingsRequest.baseline_model: every query priced on one named model instead of its
// policy's frontier model (economics.proto). Pure: the loader hands in the ledger's facts.
import { GrpcStatus, SluiceError } from '../../grpc/sluice-error.js';
import type { Window } from '../ledger/capacity-cost.js';
import { priceAt, type PricePoint, type TokenPrice } from '../ledger/cost.js';
import type { ModelRef } from '../ledger/ledger.types.js';
import type { Picos } from '../ledger/money.js';
import type { UsageCell } from './economics.types.js';
import type { GroupFigures } from './figures.js';
import type { LedgerView } from './ledger-view.js';
import { shareOf } from './self-hosted.js';

/** How one model prices a query: per cell, then once per figure (self-hosted shares round). */
export interface BaselinePricer {
  /** The cell's baseline in this pricer's unit; undefined when no price held at its time. */
  readonly units: (cell: UsageCell) => bigint | undefined;
  readonly toPicos: (units: bigint) => Picos;
}

const failed = (message: string) =>
  new SluiceError(GrpcStatus.FAILED_PRECONDITION, `baseline_model ${message}`);

/** SPEC 4's token cost of a cell, cache hits included: a hit carries its source's counts. */
const costOf = (cell: UsageCell, price: TokenPrice): Picos =>
  cell.inputTokens * price.inputPer1M +
  cell.cachedInputTokens * (price.cachedInputPer1M ?? price.inputPer1M) +
  cell.outputTokens * price.outputPer1M;

/**
 * External: the cell's tokens at the price in effect when its rows occurred (the cell was read
 * split at the model's price changes, `baselinePriceFrom`). Self-hosted: the model's GPU cost
 * per token in the window over all its traffic (each token one unit, ADR 0004), so the unit is a
 * token and a figure's tokens become its share of that cost, rounded half up once.
 */
export function baselinePricer(
  model: string,
  view: LedgerView,
  window: Window,
  history: readonly PricePoint[] = [],
): BaselinePricer {
  const provider = view.providerOf(model);
  if (provider === 'external') {
    return {
      units: (cell) => {
        const from = cell.baselinePriceFrom;
        const price = from === undefined ? undefined : priceAt(history, from);
        return price?.kind === 'token' ? costOf(cell, price.price) : undefined;
      },
      toPicos: (units) => units,
    };
  }
  if (provider === '') throw failed(`${model} has no prices and no GPUs in the ledger`);
  const capacity = view.capacity(window.from, model);
  if (capacity === undefined || capacity.servedTokens === 0n)
    throw failed(`${model} is self-hosted and served no tokens in the window: no cost per token`);
  return {
    units: (cell) => cell.inputTokens + cell.cachedInputTokens + cell.outputTokens,
    toPicos: (tokens) => shareOf(capacity.costUsd, tokens, capacity.servedTokens),
  };
}

/** The cells with their baseline in the pricer's unit; unpriced queries count as unpriced. */
export function rebased(cells: readonly UsageCell[], pricer: BaselinePricer): UsageCell[] {
  return cells.map((cell) => {
    const units = pricer.units(cell);
    return {
      ...cell,
      baselineCostUsd: units ?? 0n,
      baselineRequests: units === undefined ? 0n : cell.requests,
    };
  });
}

/** Turns each row's baseline units to picodollars: self-hosted shares round per row, as every
 * spread cost does, so rows still add up to the total. */
export function priceBaselines(rows: readonly GroupFigures[], pricer: BaselinePricer): void {
  for (const row of rows) row.sums.baselineUsd = pricer.toPicos(row.sums.baselineUsd);
}

/** An empty namespace is the API's default one (common.proto), as for hosted_reference. */
export function parseBaselineModel(
  ref: { namespace: string; name: string } | undefined,
): ModelRef | undefined {
  if (ref === undefined) return undefined;
  if (ref.name === '') throw SluiceError.invalidArgument('baseline_model.name', 'is required');
  return { namespace: ref.namespace || 'default', name: ref.name };
}

/** Every query needs a price: none occurred before the named model's first one. */
export function requirePricedBaseline(model: ModelRef, total: GroupFigures): void {
  const { requests, baselineRequests } = total.sums;
  if (baselineRequests < requests) {
    const missing = requests - baselineRequests;
    throw failed(
      `${model.namespace}/${model.name} had no price when ${missing} of ${requests} queries occurred`,
    );
  }
}
