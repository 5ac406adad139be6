import { Counter, Gauge, type Registry } from 'prom-client';
import type { EventRecorder } from '../runtime/index.js';

/** The Event path's counters, read from the recorder at scrape time. */
export function registerEventMetrics(registry: Registry, recorder: EventRecorder): void {
  const registers = [registry];
  new Gauge({
    name: 'sluice_operator_events_queued',
    help: 'Event writes waiting for their rate limiter.',
    registers,
    collect() {
      this.set(recorder.stats().queued);
    },
  });
  new Counter({
    name: 'sluice_operator_events_total',
    help: 'Event writes by outcome: written, failed, dropped_queue_full, dropped_spam.',
    labelNames: ['outcome'],
    registers,
    collect() {
      const stats = recorder.stats();
      this.reset();
      this.inc({ outcome: 'written' }, stats.written);
      this.inc({ outcome: 'failed' }, stats.failed);
      this.inc({ outcome: 'dropped_queue_full' }, stats.droppedQueueFull);
      this.inc({ outcome: 'dropped_spam' }, stats.droppedSpam);
    },
  });
}
