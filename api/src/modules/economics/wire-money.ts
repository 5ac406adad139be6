import { divideRounded, formatPicos, type Picos } from '../ledger/money.js';

/**
 * Money on the wire (common.proto): a decimal string in USD with up to 12 fractional digits,
 * exactly the ledger's picodollars, written without trailing zeros ("0.0325", "12", "-3.5").
 */
export function usd(value: Picos): string {
  const text = formatPicos(value);
  return text.replace(/\.?0+$/, '') || '0';
}

/** Per-unit money: `amount x scale / count`, half up (away from zero); '' when count is 0. */
export function perUnit(amount: Picos, count: bigint, scale = 1n): string {
  if (count <= 0n) return '';
  const magnitude = divideRounded((amount < 0n ? -amount : amount) * scale, count);
  return usd(amount < 0n ? -magnitude : magnitude);
}

/** A ratio as a double; 0 when the denominator is 0 (economics.proto). */
export const ratio = (numerator: bigint, denominator: bigint): number =>
  denominator === 0n ? 0 : Number(numerator) / Number(denominator);
