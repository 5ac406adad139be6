import type { Window } from '../ledger/capacity-cost.js';
import type { TokenPrice } from '../ledger/cost.js';
import type { Picos } from '../ledger/money.js';
import { dimensionValue, matchesFilters, type Filter } from './dimensions.js';
import type { CellContext, UsageCell } from './economics.types.js';
import {
  addCell,
  addTriple,
  emptySums,
  tripleSum,
  zeroTriple,
  type GroupSums,
  type Triple,
} from './group-sums.js';
import { shareOf, splitByTokens, type SpanCapacity } from './self-hosted.js';
import { bucketStart, type Bucketing } from './window.js';

export interface AggregationSpec extends CellContext {
  readonly window: Window;
  readonly bucketing: Bucketing;
  readonly groupBy: readonly string[];
  readonly filters: readonly Filter[];
  /** The token price of an external model at an instant; undefined for self-hosted ones. */
  readonly priceAt: (model: string, at: Date) => TokenPrice | undefined;
  /** GPU cost of a self-hosted model in one bucket, over all traffic. */
  readonly capacity: (bucket: Date, model: string) => SpanCapacity | undefined;
  /** Buckets and self-hosted models whose GPU cost no traffic carried (caller may see them). */
  readonly unattributed: ReadonlyArray<{ readonly bucket: Date; readonly model: string }>;
}

/** One group's figures: its sums plus the self-hosted cost spread onto it. */
export interface GroupFigures {
  readonly sums: GroupSums;
  selfHostedUsd: Picos;
  idleUsd: Picos;
  readonly selfHosted: Triple;
  /** Self-hosted cache hits priced at their model's cost per token in the bucket. */
  noCacheSelfUsd: Picos;
  /** Part of selfHostedUsd that shadow calls carry: their tokens' share of GPU cost. */
  shadowSelfUsd: Picos;
}

const keyOf = (bucket: Date, values: readonly string[]) =>
  JSON.stringify([bucket.getTime(), values]);

function spread(figures: GroupFigures, spec: AggregationSpec): void {
  const { sums } = figures;
  for (const [model, tokens] of sums.selfServed) {
    const cap = spec.capacity(sums.bucket, model);
    if (cap === undefined) continue;
    const share = shareOf(cap.costUsd, tripleSum(tokens), cap.servedTokens);
    figures.selfHostedUsd += share;
    figures.idleUsd += shareOf(cap.idleUsd, tripleSum(tokens), cap.servedTokens);
    addTriple(figures.selfHosted, splitByTokens(share, tokens));
    // Shares round half up and are monotonic, so the shadow's never exceeds the whole.
    const shadow = sums.shadowServed.get(model);
    if (shadow !== undefined)
      figures.shadowSelfUsd += shareOf(cap.costUsd, tripleSum(shadow), cap.servedTokens);
  }
  for (const [model, tokens] of sums.selfHits) {
    const cap = spec.capacity(sums.bucket, model);
    if (cap !== undefined)
      figures.noCacheSelfUsd += shareOf(cap.costUsd, tripleSum(tokens), cap.servedTokens);
  }
}

const newFigures = (bucket: Date, values: readonly string[]): GroupFigures => ({
  sums: emptySums(bucket, values),
  selfHostedUsd: 0n,
  idleUsd: 0n,
  selfHosted: zeroTriple(),
  noCacheSelfUsd: 0n,
  shadowSelfUsd: 0n,
});

/** An idle-only row: the model's values known, every other dimension empty (economics.proto). */
function unattributedRows(spec: AggregationSpec): GroupFigures[] {
  return spec.unattributed.flatMap(({ bucket, model }) => {
    const cap = spec.capacity(bucket, model);
    const cell = { model, tier: '', template: '', policy: '', tags: {} } as unknown as UsageCell;
    if (cap === undefined || !matchesFilters(cell, spec.filters, spec)) return [];
    const figures = newFigures(
      bucket,
      spec.groupBy.map((d) => dimensionValue(cell, d, spec)),
    );
    figures.selfHostedUsd = cap.costUsd;
    figures.idleUsd = cap.idleUsd;
    figures.selfHosted.output = cap.costUsd;
    return [figures];
  });
}

/** Groups the cells the filters keep by bucket and group_by values, and spreads GPU cost. */
export function aggregate(cells: readonly UsageCell[], spec: AggregationSpec): GroupFigures[] {
  const groups = new Map<string, GroupFigures>();
  for (const cell of cells) {
    if (!matchesFilters(cell, spec.filters, spec)) continue;
    const bucket = bucketStart(cell.hour, spec.bucketing, spec.window);
    const values = spec.groupBy.map((d) => dimensionValue(cell, d, spec));
    const key = keyOf(bucket, values);
    const figures = groups.get(key) ?? newFigures(bucket, values);
    groups.set(key, figures);
    const selfHosted = spec.providerOf(cell.model) === 'vllm';
    addCell(figures.sums, cell, selfHosted, spec.priceAt(cell.model, lastInstantOf(cell.hour)));
  }
  groups.forEach((row) => spread(row, spec));
  // Idle cost lands on the group with the same bucket and values when there is one (group_by
  // without model, coarser buckets, a model's cache hits in an idle hour): one row per key.
  for (const idle of unattributedRows(spec)) {
    const key = keyOf(idle.sums.bucket, idle.sums.values);
    const same = groups.get(key);
    if (same === undefined) groups.set(key, idle);
    else addIdleCost(same, idle);
  }
  return [...groups.values()];
}

function addIdleCost(into: GroupFigures, idle: GroupFigures): void {
  into.selfHostedUsd += idle.selfHostedUsd;
  into.idleUsd += idle.idleUsd;
  into.selfHosted.output += idle.selfHosted.output;
}

/**
 * The price that splits a cell's cost is the one in effect at the END of its hour: a price first
 * recorded mid-hour (the API started, or a model was created) priced that hour's rows, while at
 * the hour's start there was none and the whole cost would read as output.
 */
const lastInstantOf = (hour: Date): Date => new Date(hour.getTime() + 3_600_000 - 1);
