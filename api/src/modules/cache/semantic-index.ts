import type { CachedResponse } from './cache.types.js';
import { hnswParams, type HnswParams } from './hnsw-params.js';
import { Index, MetricKind, ScalarKind, type UsearchIndex } from './usearch.js';

export interface SemanticEntry {
  /** Stable per (context, question): storing the same question again replaces the entry. */
  readonly id: string;
  readonly question: string;
  readonly contextHash: string;
  readonly response: CachedResponse;
  readonly createdAt: number;
  readonly expiresAt: number;
}

export interface Candidate {
  readonly entry: SemanticEntry;
  /** Cosine similarity of the query to the entry's question, 1 = same direction. */
  readonly similarity: number;
}

/** What an entry weighs in memory, roughly: its vector plus its question's and answer's text. */
export const entryBytes = (entry: SemanticEntry, dimensions: number): number =>
  dimensions * 4 + entry.question.length + entry.response.content.length;

const SCALARS = { f32: ScalarKind.F32, f16: ScalarKind.F16, i8: ScalarKind.I8 } as const;

/** One vector per call gains nothing from more threads (usearch's 0 means the machine's count). */
const THREADS = 1;

/**
 * One partition's approximate-nearest-neighbour index (usearch HNSW, cosine) with its entries.
 * usearch knows vectors by bigint label only, so entries are kept beside it. Bounded: past
 * `maxEntries` entries or `maxBytes` (entryBytes) the oldest entry goes (Map order is insertion
 * order, re-adding moves to the end); a count alone let long answers take gigabytes.
 */
export class SemanticIndex {
  private readonly index: UsearchIndex;
  private readonly entries = new Map<bigint, SemanticEntry>();
  private readonly labels = new Map<string, bigint>();
  private nextLabel = 1n;
  private weight = 0;

  constructor(
    readonly dimensions: number,
    private readonly maxEntries: number,
    private readonly maxBytes = Number.POSITIVE_INFINITY,
    hnsw: Partial<HnswParams> = {},
  ) {
    const params = hnswParams(hnsw);
    this.index = new Index({
      dimensions,
      metric: MetricKind.Cos,
      quantization: SCALARS[params.quantization],
      connectivity: params.connectivity,
      expansion_add: params.expansionAdd,
      expansion_search: params.expansionSearch,
      multi: false,
    });
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.weight;
  }

  has(id: string): boolean {
    return this.labels.has(id);
  }

  add(entry: SemanticEntry, vector: Float32Array): void {
    if (vector.length !== this.dimensions) {
      throw new Error(`vector has ${vector.length} dimensions, the index ${this.dimensions}`);
    }
    this.remove(entry.id);
    const label = this.nextLabel++;
    this.index.add(label, vector, THREADS);
    this.entries.set(label, entry);
    this.labels.set(entry.id, label);
    this.weight += entryBytes(entry, this.dimensions);
    for (const oldest of this.labels.keys()) {
      if (this.labels.size <= this.maxEntries && this.weight <= this.maxBytes) break;
      this.remove(oldest);
    }
  }

  remove(id: string): void {
    const label = this.labels.get(id);
    if (label === undefined) return;
    const entry = this.entries.get(label);
    if (entry !== undefined) this.weight -= entryBytes(entry, this.dimensions);
    this.index.remove(label);
    this.entries.delete(label);
    this.labels.delete(id);
  }

  /** The k nearest live entries, most similar first; expired ones found on the way are dropped. */
  search(vector: Float32Array, k: number, now: number): Candidate[] {
    if (this.entries.size === 0) return [];
    const matches = this.index.search(vector, k, THREADS);
    const found: Candidate[] = [];
    matches.keys.forEach((label, i) => {
      const entry = this.entries.get(label);
      if (entry === undefined) return;
      if (entry.expiresAt <= now) this.remove(entry.id);
      else found.push({ entry, similarity: 1 - (matches.distances[i] ?? 1) });
    });
    return found;
  }
}
