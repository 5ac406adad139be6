import type { Picos } from '../ledger/money.js';

/** Tokens of one cell by kind: input (uncached), cached input, output. */
export interface Kinds {
  readonly input: bigint;
  readonly cached: bigint;
  readonly output: bigint;
}

/**
 * `amount x part / whole` rounded down (0 when whole is 0): the allocation's only share
 * (README "Allocation" 2). Floors never hand out more than `amount`, so what is left over is
 * never negative and stays visible (idle, or the last part).
 */
export const floorShare = (amount: Picos, part: bigint, whole: bigint): Picos =>
  whole === 0n ? 0n : (amount * part) / whole;

export const kindsSum = (kinds: Kinds): bigint => kinds.input + kinds.cached + kinds.output;

/** An amount over token kinds by count: input and cached floored, output takes the rest. */
export function splitKinds(amount: Picos, tokens: Kinds): Kinds {
  const all = kindsSum(tokens);
  const input = floorShare(amount, tokens.input, all);
  const cached = floorShare(amount, tokens.cached, all);
  return { input, cached, output: amount - input - cached };
}

/** An amount over parts by weight: each floored, the last taking the rest. */
export function splitOverParts(amount: Picos, weights: readonly bigint[]): Picos[] {
  const whole = weights.reduce((a, b) => a + b, 0n);
  const shares = weights.map((w) => floorShare(amount, w, whole));
  const given = shares.slice(0, -1).reduce((a, b) => a + b, 0n);
  if (shares.length > 0) shares[shares.length - 1] = amount - given;
  return shares;
}
