// Pure series bookkeeping for events.k8s.io/v1 Events, after client-go's tools/events broadcaster:
// the first occurrence creates an Event, the first repeat writes `series.count: 2` at once, later
// repeats only count in memory and reach the API on a refresh (client-go: every 30 minutes), and a
// series no repeat has extended for 6 minutes is finished and forgotten. One difference: a finished
// series with an unwritten count gets one last write, so its final count is not lost.
import { EVENT_CACHE_SIZE } from './spam-filter.js';

export interface SeriesTimings {
  /** A repeat after this long without one starts a new Event (client-go's finishTime). */
  readonly finishMs: number;
  /** An unwritten count is written at most this long after the last write (refreshTime). */
  readonly refreshMs: number;
}

export const CLIENT_GO_SERIES: SeriesTimings = { finishMs: 6 * 60_000, refreshMs: 30 * 60_000 };

/** Where one Event lives, and how far its series got. */
export interface SeriesEntry {
  readonly name: string;
  readonly namespace: string;
  count: number;
  /** The count the API server has (or was sent). */
  written: number;
  lastObserved: number;
  lastWritten: number;
}

export type Decision =
  | { readonly kind: 'create'; readonly entry: SeriesEntry }
  | { readonly kind: 'series'; readonly entry: SeriesEntry }
  | { readonly kind: 'counted' };

export class EventCorrelator {
  private readonly entries = new Map<string, SeriesEntry>();

  constructor(
    private readonly timings: SeriesTimings = CLIENT_GO_SERIES,
    private readonly maxKeys = EVENT_CACHE_SIZE,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** One occurrence of the event `key` at `now`; `place` names a new Event when one is needed. */
  observe(key: string, now: number, place: () => { name: string; namespace: string }): Decision {
    const seen = this.entries.get(key);
    if (seen && now - seen.lastObserved < this.timings.finishMs) {
      seen.count++;
      seen.lastObserved = now;
      if (seen.written > 1) return { kind: 'counted' };
      return { kind: 'series', entry: this.markWritten(seen, now) };
    }
    const entry: SeriesEntry = {
      ...place(),
      count: 1,
      written: 1,
      lastObserved: now,
      lastWritten: now,
    };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxKeys)
      this.entries.delete(this.entries.keys().next().value ?? '');
    return { kind: 'create', entry };
  }

  /** The event's create was not sent (dropped): its next occurrence must create again. */
  forget(key: string): void {
    this.entries.delete(key);
  }

  /**
   * Series whose count must be written at `now`: unwritten counts older than the refresh, or of a
   * finished series; `all` takes every unwritten count (shutdown, tests). Finished series go.
   */
  due(now: number, all = false): SeriesEntry[] {
    const writes: SeriesEntry[] = [];
    for (const [key, entry] of this.entries) {
      const finished = now - entry.lastObserved >= this.timings.finishMs;
      const stale = now - entry.lastWritten >= this.timings.refreshMs;
      if (entry.count > entry.written && (all || finished || stale))
        writes.push(this.markWritten(entry, now));
      if (finished) this.entries.delete(key);
    }
    return writes;
  }

  private markWritten(entry: SeriesEntry, now: number): SeriesEntry {
    entry.written = entry.count;
    entry.lastWritten = now;
    return { ...entry };
  }
}
