/**
 * Money in the engine is integer micro-dollars in a bigint. Decimal strings (the CRDs' and the
 * ledger's format) convert exactly, sums and percent comparisons stay exact however large, and a
 * bigint cannot be mixed with a float by accident: the compiler refuses `spent * 0.8`. Micro-dollars
 * resolve the smallest token prices (fractions of a cent per 1M tokens) and budgets up to any size.
 */
export type Micros = bigint;

const USD = /^(\d{1,15})(?:\.(\d{1,6}))?$/;

/** "5000" -> 5_000_000_000n; undefined when not a plain non-negative decimal with <= 6 places. */
export function parseUsdMicros(text: string): Micros | undefined {
  const match = USD.exec(text.trim());
  if (match === null) return undefined;
  const [, whole = '0', fraction = ''] = match;
  return BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, '0'));
}

/** 4_100_000_000n -> "4100.00": cents for people, more places only when they carry money. */
export function formatUsd(micros: Micros): string {
  const sign = micros < 0n ? '-' : '';
  const abs = micros < 0n ? -micros : micros;
  const whole = abs / 1_000_000n;
  const fraction = (abs % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '').padEnd(2, '0');
  return `${sign}${whole}.${fraction}`;
}

/** Whole percent of `limit` that `spent` reached, rounded down; a zero limit is always spent. */
export function percentOf(spent: Micros, limit: Micros): number {
  if (limit <= 0n) return spent > 0n ? Number.POSITIVE_INFINITY : 100;
  return Number((spent * 100n) / limit);
}
