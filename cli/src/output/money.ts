// Money for people: the API's exact decimal strings rounded to a few places (cents by default),
// with BigInt so no float ever holds an amount. Half up as accountants and Java's BigDecimal
// HALF_UP mean it: a tie goes away from zero, so -x prints as the mirror of x.

export const DEFAULT_PRECISION = 2;
export const MAX_PRECISION = 12;

const DECIMAL = /^(-)?(\d+)(?:\.(\d*))?$/;

/** `text` rounded half up to `places` fraction digits, e.g. ("0.125", 2) -> "0.13". */
export function roundDecimal(text: string, places: number): string {
  const match = DECIMAL.exec(text.trim());
  if (match === null) throw new RangeError(`"${text}" is not a decimal number`);
  const [, sign = '', whole = '0', fraction = ''] = match;
  const kept = BigInt(whole + fraction.slice(0, places).padEnd(places, '0'));
  const up = (fraction[places] ?? '0') >= '5' ? 1n : 0n;
  const digits = (kept + up).toString().padStart(places + 1, '0');
  const cut = digits.length - places;
  const body = places === 0 ? digits : `${digits.slice(0, cut)}.${digits.slice(cut)}`;
  // "-0.00" is not an amount anyone owes.
  return /^[0.]*$/.test(body) ? body : sign + body;
}

/** "$0.13", "-$0.02"; '-' for a figure the API left empty (not computable). */
export function usd(text: string | undefined, places: number | undefined): string {
  if (text === undefined || text === '') return '-';
  const rounded = places === undefined ? text : roundDecimal(text, places);
  return rounded.startsWith('-') ? `-$${rounded.slice(1)}` : `$${rounded}`;
}

/** --precision: a whole number of fraction digits from 0 to 12 (picodollars, the ledger's unit). */
export function parsePrecision(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PRECISION;
  const places = Number(text);
  if (!/^\d+$/.test(text.trim()) || places > MAX_PRECISION)
    throw new Error(`--precision ${text}: expected a whole number from 0 to ${MAX_PRECISION}`);
  return places;
}
