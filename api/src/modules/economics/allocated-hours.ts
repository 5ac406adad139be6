import { divideRounded, type Picos } from '../ledger/money.js';
import { floorShare } from './floor-split.js';
import type { AllocatedHour, ModelHour } from './model-hours.js';

/** One ledger cell (its hourly key) of ALL tenants' traffic, as the allocation needs it. */
export interface LedgerCell {
  readonly key: string;
  readonly model: string;
  readonly hour: Date;
  /** A model call (cache_kind 'none', shadow included); otherwise a cache hit. */
  readonly call: boolean;
  /** Input + cached input + output (a hit's: its source's). */
  readonly tokens: bigint;
  readonly latencyMs: bigint;
}

const sum = (values: readonly bigint[]): bigint => values.reduce((a, b) => a + b, 0n);
const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/**
 * README "Allocation" 1-3 and 5 for one model hour: used = C x min(D, K) / K half up, from the
 * unrounded C (0 when
 * S or K is 0), each model-call cell charged floor(used x t / S), idle what the floors leave.
 * `charges` receives each cell's charge by key; a cache hit's is its no-cache price.
 */
export function allocateHour(
  hour: ModelHour,
  cells: readonly LedgerCell[],
  charges: Map<string, Picos>,
): AllocatedHour {
  const calls = cells.filter((c) => c.call);
  const requestMs = sum(calls.map((c) => c.latencyMs));
  const servedTokens = sum(calls.map((c) => c.tokens));
  const capacity = hour.capacityMs;
  const usedUsd =
    servedTokens === 0n || capacity === 0n
      ? 0n
      : divideRounded(hour.costMicroMs * 5n * min(requestMs, capacity), capacity * 18n);
  let charged = 0n;
  for (const cell of cells) {
    const charge = floorShare(usedUsd, cell.tokens, servedTokens);
    charges.set(cell.key, charge);
    if (cell.call) charged += charge;
  }
  return { ...hour, requestMs, servedTokens, usedUsd, idleUsd: hour.costUsd - charged };
}
