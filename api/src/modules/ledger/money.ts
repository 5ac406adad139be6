/**
 * Exact money for the ledger. ONE convention: amounts are bigint picodollars (1e-12 USD), prices
 * are bigint microdollars (1e-6 USD, the six decimals ADR 0002 allows in the CRDs). Then the cost
 * of tokens at a per-1M price is `tokens x price_micro` picodollars with no division at all, and
 * PostgreSQL stores amounts as numeric(38,12) and prices as numeric(20,6), which convert to and
 * from these integers digit for digit. No float ever holds money.
 */
export type Picos = bigint;
export type Micros = bigint;

export const PICO_DECIMALS = 12;
export const MICRO_DECIMALS = 6;

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parses a decimal string with at most `decimals` fraction digits into an integer of that scale. */
export function parseScaled(text: string, decimals: number): bigint {
  const match = DECIMAL.exec(text.trim());
  const [, sign, whole, fraction = ''] = match ?? [];
  if (whole === undefined || fraction.length > decimals) {
    throw new RangeError(`"${text}" is not a decimal with at most ${decimals} fraction digits`);
  }
  const value = BigInt(whole + fraction.padEnd(decimals, '0'));
  return sign === '-' ? -value : value;
}

/** Formats an integer of scale `decimals` as the decimal string PostgreSQL numeric accepts. */
export function formatScaled(value: bigint, decimals: number): string {
  const sign = value < 0n ? '-' : '';
  const digits = (value < 0n ? -value : value).toString().padStart(decimals + 1, '0');
  const cut = digits.length - decimals;
  return decimals === 0 ? sign + digits : `${sign}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

/** A price from a CRD or a numeric(20,6) column, e.g. "2.50" -> 2_500_000n. */
export const parseMicros = (text: string): Micros => parseScaled(text, MICRO_DECIMALS);
export const formatMicros = (value: Micros): string => formatScaled(value, MICRO_DECIMALS);

/** An amount from a numeric(38,12) column (PostgreSQL returns it with all 12 digits). */
export const parsePicos = (text: string): Picos => parseScaled(text, PICO_DECIMALS);
export const formatPicos = (value: Picos): string => formatScaled(value, PICO_DECIMALS);

/** Half-up integer division for non-negative operands: the one rounding the ledger allows. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (numerator < 0n || denominator <= 0n) throw new RangeError('expects n >= 0 and d > 0');
  return (numerator * 2n + denominator) / (denominator * 2n);
}
