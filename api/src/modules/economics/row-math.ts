import type { Picos } from '../ledger/money.js';
import type { GroupFigures } from './figures.js';
import { addTriple, emptySums, tripleSum, zeroTriple, type Triple } from './group-sums.js';

/** CostBreakdown of economics.proto in picodollars: both splits add up to `total`. */
export interface Breakdown {
  readonly total: Picos;
  readonly external: Picos;
  readonly selfHosted: Picos;
  readonly idle: Picos;
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
    idle: figures.idleUsd,
    input: kinds.input,
    cached: kinds.cached,
    output: kinds.output,
  };
}

const mergeMaps = (into: Map<string, Triple>, from: Map<string, Triple>) => {
  for (const [key, triple] of from) {
    const target = into.get(key) ?? zeroTriple();
    addTriple(target, triple);
    into.set(key, target);
  }
};

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
  const total: GroupFigures = {
    sums: emptySums(bucket, []),
    selfHostedUsd: 0n,
    idleUsd: 0n,
    selfHosted: zeroTriple(),
    noCacheSelfUsd: 0n,
    shadowSelfUsd: 0n,
  };
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
    mergeMaps(s.selfServed, r.selfServed);
    mergeMaps(s.selfHits, r.selfHits);
    mergeRouting(s.routing, r.routing);
    s.shadowExternalUsd += r.shadowExternalUsd;
    mergeMaps(s.shadowServed, r.shadowServed);
    total.selfHostedUsd += row.selfHostedUsd;
    total.idleUsd += row.idleUsd;
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
