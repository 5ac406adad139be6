import type { TokenPrice } from '../ledger/cost.js';
import type { Picos } from '../ledger/money.js';
import { isHit, type UsageCell } from './economics.types.js';

export interface Triple {
  input: bigint;
  cached: bigint;
  output: bigint;
}

export const zeroTriple = (): Triple => ({ input: 0n, cached: 0n, output: 0n });
export const tripleSum = (t: Triple): bigint => t.input + t.cached + t.output;
export const addTriple = (into: Triple, add: Triple): void => {
  into.input += add.input;
  into.cached += add.cached;
  into.output += add.output;
};
const cellTokens = (cell: UsageCell): Triple => ({
  input: cell.inputTokens,
  cached: cell.cachedInputTokens,
  output: cell.outputTokens,
});

/** What one group of cells adds up to before self-hosted cost is spread over it. */
export interface GroupSums {
  readonly bucket: Date;
  readonly values: readonly string[];
  requests: bigint;
  modelCalls: bigint;
  exactHits: bigint;
  semanticHits: bigint;
  failed: bigint;
  /** Tokens of model calls (cache hits served none). */
  readonly tokens: Triple;
  /** cost_usd of the rows (external models; self-hosted rows carry 0), split by token kind. */
  readonly external: Triple;
  baselineUsd: Picos;
  baselineRequests: bigint;
  /** no_cache_cost_usd of token-priced cache hits. */
  noCacheUsd: Picos;
  /** Queries per tier and model (cache hits for the tier that would have answered). */
  readonly routing: Map<string, Map<string, bigint>>;
  /** cost_usd of shadow calls: part of `external` (their GPU charges are in GroupFigures). */
  shadowExternalUsd: Picos;
}

export const emptySums = (bucket: Date, values: readonly string[]): GroupSums => ({
  bucket,
  values,
  requests: 0n,
  modelCalls: 0n,
  exactHits: 0n,
  semanticHits: 0n,
  failed: 0n,
  tokens: zeroTriple(),
  external: zeroTriple(),
  baselineUsd: 0n,
  baselineRequests: 0n,
  noCacheUsd: 0n,
  routing: new Map(),
  shadowExternalUsd: 0n,
});

/**
 * cost_usd by token kind, at the price in effect at the end of the cell's hour. A cell whose price changed
 * within its hour does not split exactly; its cost is then shared in the same proportions with
 * output taking the rest, so the kinds always add up to cost_usd.
 */
export function externalSplit(cell: UsageCell, price: TokenPrice | undefined): Triple {
  if (price === undefined || cell.costUsd === 0n) return { ...zeroTriple(), output: cell.costUsd };
  const split = {
    input: cell.inputTokens * price.inputPer1M,
    cached: cell.cachedInputTokens * (price.cachedInputPer1M ?? price.inputPer1M),
    output: cell.outputTokens * price.outputPer1M,
  };
  const sum = tripleSum(split);
  if (sum === cell.costUsd || sum === 0n)
    return sum === 0n ? { ...split, output: cell.costUsd } : split;
  const input = (cell.costUsd * split.input) / sum;
  const cached = (cell.costUsd * split.cached) / sum;
  return { input, cached, output: cell.costUsd - input - cached };
}

const bump = <K>(map: Map<K, bigint>, key: K, by: bigint) =>
  map.set(key, (map.get(key) ?? 0n) + by);

function addRouting(sums: GroupSums, cell: UsageCell): void {
  const models = sums.routing.get(cell.tier) ?? new Map<string, bigint>();
  sums.routing.set(cell.tier, bump(models, cell.model, cell.requests));
}

/**
 * A shadow call is a model call (economics.proto UsageCounts.model_calls) whose cost is actual
 * cost, but it answered no query: no query, cache hit, routing share or baseline comes of it.
 */
function addShadowCell(
  sums: GroupSums,
  cell: UsageCell,
  selfHosted: boolean,
  price: TokenPrice | undefined,
): void {
  sums.modelCalls += cell.requests;
  sums.failed += cell.failedRequests;
  addTriple(sums.tokens, cellTokens(cell));
  addTriple(sums.external, externalSplit(cell, selfHosted ? undefined : price));
  sums.shadowExternalUsd += cell.costUsd;
}

/** Adds one cell; `selfHosted` says its model is capacity-priced, `price` its token price. */
export function addCell(
  sums: GroupSums,
  cell: UsageCell,
  selfHosted: boolean,
  price: TokenPrice | undefined,
): void {
  if (cell.shadow) return addShadowCell(sums, cell, selfHosted, price);
  sums.requests += cell.requests;
  sums.failed += cell.failedRequests;
  if (cell.cacheKind === 'exact') sums.exactHits += cell.requests;
  if (cell.cacheKind === 'semantic') sums.semanticHits += cell.requests;
  if (!isHit(cell)) {
    sums.modelCalls += cell.requests;
    addTriple(sums.tokens, cellTokens(cell));
  }
  addTriple(sums.external, externalSplit(cell, selfHosted ? undefined : price));
  sums.baselineUsd += cell.baselineCostUsd;
  sums.baselineRequests += cell.baselineRequests;
  sums.noCacheUsd += cell.noCacheCostUsd;
  addRouting(sums, cell);
}
