import type { Window } from '../ledger/capacity-cost.js';
import type { TokenPrice } from '../ledger/cost.js';
import type { Picos } from '../ledger/money.js';
import type { ChargedCell } from './cell-charges.js';
import { dimensionValue, matchesFilters, type Filter } from './dimensions.js';
import type { CellContext, UsageCell } from './economics.types.js';
import { kindsSum } from './floor-split.js';
import {
  addCell,
  addTriple,
  emptySums,
  zeroTriple,
  type GroupSums,
  type Triple,
} from './group-sums.js';
import type { IdleLine } from './idle-share.js';
import { bucketStart, type Bucketing } from './window.js';

export interface AggregationSpec extends CellContext {
  readonly window: Window;
  readonly bucketing: Bucketing;
  readonly groupBy: readonly string[];
  readonly filters: readonly Filter[];
  /** The token price of an external model at an instant; undefined for self-hosted ones. */
  readonly priceAt: (model: string, at: Date) => TokenPrice | undefined;
  /** Charge each cell its share of idle (README "Allocation" 4). */
  readonly shareIdle: boolean;
  /** Idle lines the caller sees: unscoped admins only (access.ts seesUnattributed). */
  readonly idleLines: readonly IdleLine[];
}

/** One group's figures: its sums plus the self-hosted cost charged to it. */
export interface GroupFigures {
  readonly sums: GroupSums;
  /** Self-hosted cost charged to this row: used + idle (shared idle and idle lines merged in). */
  selfHostedUsd: Picos;
  /** Its idle part: shared idle plus idle lines. */
  idleUsd: Picos;
  /** Used GPU cost of its model calls (README "Allocation" 2). */
  usedUsd: Picos;
  /** Idle charged to its model calls by share_idle (0 without it). */
  sharedIdleUsd: Picos;
  /** Idle in the fully loaded cost (README 7): its calls' idle shares, share_idle or not, plus
   * the idle lines merged in as share_idle leaves them. */
  loadedIdleUsd: Picos;
  readonly selfHosted: Triple;
  /** Self-hosted cache hits priced at their model hour's used cost per token (README 5). */
  noCacheSelfUsd: Picos;
  /** Part of selfHostedUsd that shadow calls carry. */
  shadowSelfUsd: Picos;
}

const keyOf = (bucket: Date, values: readonly string[]) =>
  JSON.stringify([bucket.getTime(), values]);

export const newFigures = (bucket: Date, values: readonly string[]): GroupFigures => ({
  sums: emptySums(bucket, values),
  selfHostedUsd: 0n,
  idleUsd: 0n,
  usedUsd: 0n,
  sharedIdleUsd: 0n,
  loadedIdleUsd: 0n,
  selfHosted: zeroTriple(),
  noCacheSelfUsd: 0n,
  shadowSelfUsd: 0n,
});

function addCharges(figures: GroupFigures, charged: ChargedCell, shareIdle: boolean): void {
  const used = kindsSum(charged.used);
  const shared = kindsSum(charged.sharedIdle);
  const charged_ = used + (shareIdle ? shared : 0n);
  figures.usedUsd += used;
  figures.loadedIdleUsd += shared;
  figures.noCacheSelfUsd += charged.noCache;
  addTriple(figures.selfHosted, charged.used);
  if (shareIdle) {
    figures.sharedIdleUsd += shared;
    figures.idleUsd += shared;
    addTriple(figures.selfHosted, charged.sharedIdle);
  }
  figures.selfHostedUsd += charged_;
  if (charged.cell.shadow) figures.shadowSelfUsd += charged_;
}

/** An idle line as a row: the model, provider vllm and its tier; every other value empty. */
function idleRow(line: IdleLine, spec: AggregationSpec): GroupFigures | undefined {
  const amount = spec.shareIdle ? line.unsharedUsd : line.idleUsd;
  const cell = { model: line.model, tier: line.tier, template: '', policy: '', tags: {} };
  if (amount === 0n || !matchesFilters(cell as UsageCell, spec.filters, spec)) return undefined;
  const values = spec.groupBy.map((d) => dimensionValue(cell as UsageCell, d, spec));
  const figures = newFigures(line.bucket, values);
  figures.selfHostedUsd = amount;
  figures.idleUsd = amount;
  figures.loadedIdleUsd = line.unsharedUsd;
  figures.selfHosted.output = amount;
  return figures;
}

/** Groups the cells the filters keep by bucket and group_by values, with their charges. */
export function aggregate(cells: readonly ChargedCell[], spec: AggregationSpec): GroupFigures[] {
  const groups = new Map<string, GroupFigures>();
  for (const charged of cells) {
    const { cell } = charged;
    if (!matchesFilters(cell, spec.filters, spec)) continue;
    const bucket = bucketStart(cell.hour, spec.bucketing, spec.window);
    const values = spec.groupBy.map((d) => dimensionValue(cell, d, spec));
    const key = keyOf(bucket, values);
    const figures = groups.get(key) ?? newFigures(bucket, values);
    groups.set(key, figures);
    const selfHosted = spec.providerOf(cell.model) === 'vllm';
    addCell(figures.sums, cell, selfHosted, spec.priceAt(cell.model, lastInstantOf(cell.hour)));
    addCharges(figures, charged, spec.shareIdle);
  }
  // An idle line lands on the row with the same bucket and values when there is one (group by
  // model: the model's row shows used + idle; no group_by: the total): one row per key.
  for (const line of spec.idleLines) {
    const idle = idleRow(line, spec);
    if (idle === undefined) continue;
    const key = keyOf(idle.sums.bucket, idle.sums.values);
    const same = groups.get(key);
    if (same === undefined) groups.set(key, idle);
    else addIdle(same, idle);
  }
  return [...groups.values()];
}

function addIdle(into: GroupFigures, idle: GroupFigures): void {
  into.selfHostedUsd += idle.selfHostedUsd;
  into.idleUsd += idle.idleUsd;
  into.loadedIdleUsd += idle.loadedIdleUsd;
  into.selfHosted.output += idle.selfHosted.output;
}

/**
 * The price that splits a cell's cost is the one in effect at the END of its hour: a price first
 * recorded mid-hour (the API started, or a model was created) priced that hour's rows, while at
 * the hour's start there was none and the whole cost would read as output.
 */
const lastInstantOf = (hour: Date): Date => new Date(hour.getTime() + 3_600_000 - 1);
