import type { Picos } from '../ledger/money.js';
import { newFigures, type GroupFigures } from './figures.js';
import { addTriple, tripleSum, zeroTriple, type Triple } from './group-sums.js';

/** CostBreakdown of economics.proto in picodollars: both splits add up to `total`. */
export interface Breakdown {
  readonly total: Picos;
  readonly external: Picos;
  /** used + idle. */
  readonly selfHosted: Picos;
  readonly used: Picos;
  /** Idle lines merged in plus sharedIdle. */
  readonly idle: Picos;
  readonly sharedIdle: Picos;
  readonly input: Picos;
  readonly cached: Picos;
  readonly output: Picos;
}

export function breakdown(figures: GroupFigures): Breakdown {
  const kinds: Triple = zeroTriple();
  addTriple(kinds, figures.sums.external);
  addTriple(kinds, figures.selfHosted);
  const external = tripleSum(figures.sums.external);
  return {
    total: external + figures.selfHostedUsd,
    external,
    selfHosted: figures.selfHostedUsd,
    used: figures.usedUsd,
    idle: figures.idleUsd,
    sharedIdle: figures.sharedIdleUsd,
    input: kinds.input,
    cached: kinds.cached,
    output: kinds.output,
  };
}

function mergeRouting(
  into: Map<string, Map<string, bigint>>,
  from: Map<string, Map<string, bigint>>,
) {
  for (const [tier, models] of from) {
    const target = into.get(tier) ?? new Map<string, bigint>();
    for (const [model, n] of models) target.set(model, (target.get(model) ?? 0n) + n);
    into.set(tier, target);
  }
}

/** The total row: every group summed, so rows and total always balance. */
export function mergeFigures(rows: readonly GroupFigures[], bucket: Date): GroupFigures {
  const total = newFigures(bucket, []);
  const s = total.sums;
  for (const row of rows) {
    const r = row.sums;
    s.requests += r.requests;
    s.modelCalls += r.modelCalls;
    s.exactHits += r.exactHits;
    s.semanticHits += r.semanticHits;
    s.failed += r.failed;
    addTriple(s.tokens, r.tokens);
    addTriple(s.external, r.external);
    s.baselineUsd += r.baselineUsd;
    s.baselineRequests += r.baselineRequests;
    s.noCacheUsd += r.noCacheUsd;
    mergeRouting(s.routing, r.routing);
    s.shadowExternalUsd += r.shadowExternalUsd;
    total.selfHostedUsd += row.selfHostedUsd;
    total.idleUsd += row.idleUsd;
    total.usedUsd += row.usedUsd;
    total.sharedIdleUsd += row.sharedIdleUsd;
    total.loadedIdleUsd += row.loadedIdleUsd;
    addTriple(total.selfHosted, row.selfHosted);
    total.noCacheSelfUsd += row.noCacheSelfUsd;
    total.shadowSelfUsd += row.shadowSelfUsd;
  }
  return total;
}

/** Rows by bucket, then by descending `measure`, then by values: a stable, documented order. */
export function orderRows<T extends GroupFigures>(rows: T[], measure: (row: T) => Picos): T[] {
  return rows.sort(
    (a, b) =>
      a.sums.bucket.getTime() - b.sums.bucket.getTime() ||
      (measure(b) > measure(a) ? 1 : measure(b) < measure(a) ? -1 : 0) ||
      JSON.stringify(a.sums.values).localeCompare(JSON.stringify(b.sums.values)),
  );
}
