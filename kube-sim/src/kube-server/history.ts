// Bounded event history and live subscribers: what watches replay from and listen to. Like etcd
// compaction in the real server, events older than the window are gone and a watch asking for
// them gets 410 Expired.
import type { StoredEvent } from './types.js';

export type Listener = (event: StoredEvent) => void;

export class EventHistory {
  private readonly events: StoredEvent[] = [];
  private readonly listeners = new Set<Listener>();
  /** The newest resourceVersion that is no longer replayable. */
  private compactedRv = 0;

  constructor(private readonly capacity: number) {}

  record(event: StoredEvent): void {
    this.events.push(event);
    if (this.events.length > this.capacity) {
      const dropped = this.events.shift();
      if (dropped) this.compactedRv = dropped.rv;
    }
    for (const l of [...this.listeners]) l(event);
  }

  /** Events newer than `rv`, or undefined when some of them were already dropped. */
  since(rv: number): StoredEvent[] | undefined {
    if (rv < this.compactedRv) return undefined;
    return this.events.filter((e) => e.rv > rv);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get oldestRetainedRv(): number {
    return this.compactedRv;
  }
}
