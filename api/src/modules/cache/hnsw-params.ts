/**
 * How a semantic index builds and walks its HNSW graph (usearch's own names in its docs:
 * connectivity is HNSW's M, expansions are efConstruction and ef).
 */
export interface HnswParams {
  /** Neighbours kept per node: more finds more, at a cost per insert and per entry. */
  readonly connectivity: number;
  /** Candidates examined when an entry joins the graph: the graph's quality, paid per insert. */
  readonly expansionAdd: number;
  /** Candidates examined per lookup: recall, paid per lookup. */
  readonly expansionSearch: number;
  /** How the index stores vectors; lookups still take and compare float32 queries. */
  readonly quantization: 'f32' | 'f16' | 'i8';
}

/** What the index used before it was tuned: usearch's defaults (what zeros ask for). */
export const USEARCH_DEFAULT_HNSW: HnswParams = {
  connectivity: 16,
  expansionAdd: 128,
  expansionSearch: 64,
  quantization: 'f32',
};

/**
 * Measured by `make bench-semantic` on lexical vectors of rewordings of the router model's
 * examples (the cache README has the table): at 100k entries about 3.5x the inserts per CPU
 * second of the defaults and 0.7x the bytes per entry, lookups about as costly (p99 near 1 ms
 * of CPU), the exact nearest neighbour among 8 results 96% of the time (98% before). Below
 * 64 on add at M 12, clumps of near-identical questions became unreachable. `f16`, not `i8`:
 * `i8` is faster still but its similarities are off by up to 0.02, which moves a 0.95
 * threshold, and it merges questions that differ by one number into the same codes.
 */
export const SEMANTIC_HNSW: HnswParams = {
  connectivity: 12,
  expansionAdd: 64,
  expansionSearch: 128,
  quantization: 'f16',
};

const QUANTIZATIONS: ReadonlySet<string> = new Set(['f32', 'f16', 'i8']);

/** `base` with `overrides` applied; an invalid value is an error naming its field. */
export function hnswParams(overrides: Partial<HnswParams> = {}, base = SEMANTIC_HNSW): HnswParams {
  const params = { ...base, ...overrides };
  for (const field of ['connectivity', 'expansionAdd', 'expansionSearch'] as const) {
    const value = params[field];
    if (!Number.isInteger(value) || value < 2 || value > 4096)
      throw new Error(`hnsw.${field} must be an integer from 2 to 4096, got ${String(value)}`);
  }
  if (!QUANTIZATIONS.has(params.quantization))
    throw new Error(
      `hnsw.quantization must be one of f32, f16, i8, got ${String(params.quantization)}`,
    );
  return params;
}
