import { extractFacets, type Facets } from './facets.js';
import type { SemanticEntry } from './semantic-index.js';

/**
 * Facets of stored questions, kept for the last `capacity` entries the guard compared. A
 * stored question is compared again by every near query, and extracting its facets was half of
 * the guard's work on each (issue 15: the guard was a sixth of a Route miss's time when near
 * misses abound). Keyed by the entry object, so a replaced or evicted entry is never matched
 * by its id; bounded, so the memo cannot outgrow the index's own memory bound by much.
 */
export class StoredFacets {
  private readonly byEntry = new Map<SemanticEntry, Facets>();

  constructor(private readonly capacity = 1024) {}

  get size(): number {
    return this.byEntry.size;
  }

  of(entry: SemanticEntry): Facets {
    let facets = this.byEntry.get(entry);
    if (facets !== undefined) return facets;
    facets = extractFacets(entry.question);
    this.byEntry.set(entry, facets);
    // Map order is insertion order: the first key is the oldest.
    if (this.byEntry.size > this.capacity) {
      const oldest = this.byEntry.keys().next().value;
      if (oldest !== undefined) this.byEntry.delete(oldest);
    }
    return facets;
  }
}
