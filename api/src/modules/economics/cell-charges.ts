import type { Picos } from '../ledger/money.js';
import type { Allocation } from './allocation.js';
import { cellKey, cellKinds } from './cell-key.js';
import { isHit, type UsageCell } from './economics.types.js';
import { kindsSum, splitKinds, splitOverParts, type Kinds } from './floor-split.js';

/** A cell the caller reads with its self-hosted charges, split by token kind. */
export interface ChargedCell {
  readonly cell: UsageCell;
  /** Used GPU cost charged to it (README "Allocation" 2). */
  readonly used: Kinds;
  /** Its share of idle (README 4): charged only with share_idle, counted fully loaded always. */
  readonly sharedIdle: Kinds;
  /** A self-hosted cache hit's no-cache cost (README 5). */
  readonly noCache: Picos;
}

const NONE: Kinds = { input: 0n, cached: 0n, output: 0n };

/** Parts by policy name, then by the baseline price they were split at: the last takes rests. */
const partOrder = (a: UsageCell, b: UsageCell): number =>
  a.policy < b.policy ? -1 : a.policy > b.policy ? 1 : priceFrom(a) - priceFrom(b);
const priceFrom = (cell: UsageCell): number =>
  cell.baselinePriceFrom?.getTime() ?? Number.NEGATIVE_INFINITY;

/** Every amount of the ledger cell goes to its parts by tokens (README "Allocation" 2). */
function chargeParts(parts: readonly UsageCell[], allocation: Allocation): ChargedCell[] {
  const sorted = [...parts].sort(partOrder);
  const tokens = sorted.map((p) => kindsSum(cellKinds(p)));
  const whole = sorted.reduce<Kinds>((sum, p) => {
    const k = cellKinds(p);
    return {
      input: sum.input + k.input,
      cached: sum.cached + k.cached,
      output: sum.output + k.output,
    };
  }, NONE);
  const charge = allocation.charge(cellKey(sorted[0] as UsageCell));
  const hit = isHit(sorted[0] as UsageCell);
  const used = hit ? NONE : splitKinds(charge?.used ?? 0n, whole);
  const shared = hit ? NONE : splitKinds(charge?.sharedIdle ?? 0n, whole);
  const over = (amount: Picos) => splitOverParts(amount, tokens);
  const kindsOver = (k: Kinds) => {
    const [input, cached, output] = [over(k.input), over(k.cached), over(k.output)];
    return sorted.map((_, i) => ({
      input: input[i] ?? 0n,
      cached: cached[i] ?? 0n,
      output: output[i] ?? 0n,
    }));
  };
  const usedParts = kindsOver(used);
  const sharedParts = kindsOver(shared);
  const noCache = over(hit ? (charge?.used ?? 0n) : 0n);
  return sorted.map((cell, i) => ({
    cell,
    used: usedParts[i] ?? NONE,
    sharedIdle: sharedParts[i] ?? NONE,
    noCache: noCache[i] ?? 0n,
  }));
}

/** The caller's cells with their charges from the allocation of ALL tenants' traffic. */
export function chargeCells(cells: readonly UsageCell[], allocation: Allocation): ChargedCell[] {
  const parts = new Map<string, UsageCell[]>();
  for (const cell of cells) {
    const key = cellKey(cell);
    const list = parts.get(key);
    if (list === undefined) parts.set(key, [cell]);
    else list.push(cell);
  }
  return [...parts.values()].flatMap((group) => chargeParts(group, allocation));
}
