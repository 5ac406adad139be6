// The CRDs bound prices (MONEY_BOUNDS_USD, a CEL rule per field), but an object stored before those
// rules, or in a cluster whose CRDs predate them, may still carry 1e14 USD per GPU-hour. Decision:
// the API does not trust the schema alone at its one read of prices (this recorder): a price past
// its bound is left out with a warning and the last accepted one stands, so one absurd object
// neither overflows the ledger's numeric(20,6) columns (which would stall the ordered write queue
// of every model) nor books absurd money into every economics figure.
import { MONEY_BOUNDS_USD, type InferenceModel } from '@sluice/crds';
import { parseMicros, type Micros } from '../ledger/money.js';

/** A price field past its CRD bound (or not a decimal with at most 6 decimals). */
export interface PriceProblem {
  readonly field: string;
  readonly value: string;
  readonly boundUSD: string;
}

type Read = (model: InferenceModel) => string | undefined;

const FIELDS: readonly (readonly [string, Read, string])[] = [
  ['status.gpuHourlyUSD', (m) => m.status?.gpuHourlyUSD, MONEY_BOUNDS_USD.gpuHourlyUSD],
  [
    'spec.pricing.gpuHourlyUSD',
    (m) => m.spec?.pricing?.gpuHourlyUSD,
    MONEY_BOUNDS_USD.gpuHourlyUSD,
  ],
  ['spec.pricing.inputPer1M', (m) => m.spec?.pricing?.inputPer1M, MONEY_BOUNDS_USD.tokenPer1M],
  [
    'spec.pricing.cachedInputPer1M',
    (m) => m.spec?.pricing?.cachedInputPer1M,
    MONEY_BOUNDS_USD.tokenPer1M,
  ],
  ['spec.pricing.outputPer1M', (m) => m.spec?.pricing?.outputPer1M, MONEY_BOUNDS_USD.tokenPer1M],
];

/** Pure: every price of the model the ledger must not take. */
export function priceProblems(model: InferenceModel): PriceProblem[] {
  return FIELDS.flatMap(([field, read, boundUSD]) => {
    const value = read(model);
    if (value === undefined || withinBound(value, boundUSD)) return [];
    return [{ field, value, boundUSD }];
  });
}

export function withinBound(value: string, boundUSD: string): boolean {
  const micros = microsOf(value);
  return micros !== undefined && micros >= 0n && micros <= parseMicros(boundUSD);
}

function microsOf(value: string): Micros | undefined {
  try {
    return parseMicros(value);
  } catch {
    return undefined;
  }
}
