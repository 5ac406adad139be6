// Recall of an approximate lookup against brute force over the same float32 vectors.
// Lexical vectors tie often (rewordings that differ only in words the hashing weighs alike),
// so a result counts by its distance, not its identity: a hit when it is as near as the exact
// answer it stands for. Every distance here is computed by the same code (`Space.distance`), so
// a tie is a tie, not a rounding difference between usearch's SIMD and JavaScript.
import { exactSearch, MetricKind } from '../../dist/modules/cache/usearch.js';

export interface Recall {
  /** Share of lookups whose k results hold the exact nearest neighbour (or one as near). */
  readonly nearestInK: number;
  /** Share of the exact k nearest found among the k results (ties at the k-th count). */
  readonly kInK: number;
}

/** Per query: the distances of the exact nearest and of the exact k-th nearest. */
export interface Reference {
  readonly nearest: number;
  readonly kth: number;
}

/** Stored and query vectors (unit length, `d` each, one after the other). */
export class Space {
  constructor(
    readonly stored: Float32Array,
    readonly queries: Float32Array,
    readonly d: number,
  ) {}

  /** Cosine distance of stored vector `i` to query `q`. */
  distance(i: number, q: number): number {
    const { stored, queries, d } = this;
    let dot = 0;
    for (let j = 0; j < d; j++) dot += (stored[i * d + j] ?? 0) * (queries[q * d + j] ?? 0);
    return 1 - dot;
  }
}

export function exactNeighbours(space: Space, k: number): Reference[] {
  const { stored, queries, d } = space;
  // Brute force in usearch (one thread), then re-scored here so both sides use `distance`.
  const exact = exactSearch(stored, queries, d, k, MetricKind.Cos, 1);
  const keysOf = (q: number) => ('get' in exact ? exact.get(q).keys : exact.keys);
  return Array.from({ length: queries.length / d }, (_, q) => {
    const distances = Array.from(keysOf(q), (key) => space.distance(Number(key), q));
    distances.sort((a, b) => a - b);
    return { nearest: distances[0] ?? Infinity, kth: distances.at(-1) ?? Infinity };
  });
}

/** `found[q]`: the stored positions the lookup of query q returned. */
export function recallOf(
  space: Space,
  found: readonly (readonly number[])[],
  reference: readonly Reference[],
  k: number,
): Recall {
  let nearest = 0;
  let inK = 0;
  reference.forEach((exact, q) => {
    const distances = (found[q] ?? []).map((i) => space.distance(i, q));
    if (distances.some((x) => x <= exact.nearest)) nearest++;
    inK += Math.min(k, distances.filter((x) => x <= exact.kth).length);
  });
  return { nearestInK: nearest / reference.length, kInK: inK / (k * reference.length) };
}

/**
 * Largest difference between the similarity the index reported (`reported[q][r]` for
 * `found[q][r]`) and the exact one, over results at least 0.8 similar: those a threshold
 * decides on.
 */
export function similarityError(
  space: Space,
  found: readonly (readonly number[])[],
  reported: readonly (readonly number[])[],
): number {
  let worst = 0;
  found.forEach((ids, q) =>
    ids.forEach((i, r) => {
      const exact = 1 - space.distance(i, q);
      if (exact >= 0.8) worst = Math.max(worst, Math.abs((reported[q]?.[r] ?? 0) - exact));
    }),
  );
  return worst;
}
