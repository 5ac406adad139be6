import type { Micros, Picos } from './money.js';
import type { TokenCounts } from './ledger.types.js';

/** Per-1M-token prices of an external model, in microdollars (see money.ts). */
export interface TokenPrice {
  readonly inputPer1M: Micros;
  /** Provider prompt-cache price; absent means cached input is billed as input (CRD default). */
  readonly cachedInputPer1M?: Micros;
  readonly outputPer1M: Micros;
}

/** A price row: token-priced (external) or capacity-priced (self-hosted, GPU hourly). */
export type ModelPrice =
  | { readonly kind: 'token'; readonly price: TokenPrice }
  | { readonly kind: 'capacity'; readonly gpuHourlyUSD: Micros };

export interface PricePoint {
  readonly effectiveFrom: Date;
  readonly price: ModelPrice;
}

/**
 * SPEC 4: input x price_in + cached_input x price_cached + output x price_out, per 1M tokens.
 * tokens x microdollars-per-1M = picodollars exactly: 1e-6 USD / 1e6 tokens = 1e-12 USD a token.
 */
export function tokenCost(tokens: TokenCounts, price: TokenPrice): Picos {
  const cached = price.cachedInputPer1M ?? price.inputPer1M;
  return (
    BigInt(tokens.inputTokens) * price.inputPer1M +
    BigInt(tokens.cachedInputTokens) * cached +
    BigInt(tokens.outputTokens) * price.outputPer1M
  );
}

/**
 * The price in effect at `at`: the latest point with effectiveFrom <= at, whatever the order of
 * `history`. Undefined before the first price: the model was not priced yet.
 */
export function priceAt(history: readonly PricePoint[], at: Date): ModelPrice | undefined {
  let best: PricePoint | undefined;
  for (const point of history) {
    if (point.effectiveFrom.getTime() > at.getTime()) continue;
    if (best === undefined || point.effectiveFrom.getTime() >= best.effectiveFrom.getTime()) {
      best = point;
    }
  }
  return best?.price;
}
