import {
  PatchStrategy,
  type KubernetesObject,
  type KubernetesObjectApi,
} from '@kubernetes/client-node';
import { systemClock, type Clock } from '../clock.js';
import { silentLogger, type RuntimeLogger } from '../logger.js';
import { BoundedQueue } from './bounded-queue.js';
import { CLIENT_GO_SERIES, EventCorrelator, type SeriesTimings } from './event-correlator.js';
import {
  createBody,
  eventPlace,
  objectKey,
  seriesBody,
  seriesKey,
  type RecordedEvent,
} from './event-bodies.js';
import { SpamFilter } from './spam-filter.js';

export interface EventRecorderOptions {
  /** Its own client, with its own rate limiter: Events must not spend the reconcile budget. */
  readonly client: KubernetesObjectApi;
  readonly reportingController: string;
  readonly reportingInstance: string;
  readonly logger?: RuntimeLogger;
  readonly clock?: Clock;
  /** Writes waiting at most (client-go's maxQueuedEvents: 1,000). */
  readonly queueSize?: number;
  readonly spamFilter?: SpamFilter;
  readonly series?: SeriesTimings;
}

interface PendingWrite {
  readonly kind: 'create' | 'series';
  readonly body: KubernetesObject;
  readonly key: string;
}

export interface EventRecorderStats {
  readonly queued: number;
  readonly written: number;
  readonly failed: number;
  readonly droppedQueueFull: number;
  readonly droppedSpam: number;
}

/** How often series counts are checked for a due write. */
const TICK_MS = 60_000;

/**
 * Records events.k8s.io/v1 Events the way client-go's EventBroadcaster does: `record` returns at
 * once (a reconcile never waits on an Event), repeats fold into a series (EventCorrelator), each
 * object has a spam budget (SpamFilter), and writes wait in a bounded queue that one loop drains
 * through the recorder's own rate-limited client. A write that fails is logged and dropped.
 */
export class EventRecorder {
  private readonly clock: Clock;
  private readonly logger: RuntimeLogger;
  private readonly queue: BoundedQueue<PendingWrite>;
  private readonly correlator: EventCorrelator;
  private readonly spam: SpamFilter;
  private draining: Promise<void> | undefined;
  private tick: unknown;
  private closed = false;
  private written = 0;
  private failed = 0;
  private droppedSpam = 0;

  constructor(private readonly options: EventRecorderOptions) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.queue = new BoundedQueue(options.queueSize ?? 1000);
    this.correlator = new EventCorrelator(options.series ?? CLIENT_GO_SERIES);
    this.spam = options.spamFilter ?? new SpamFilter();
    this.scheduleTick();
  }

  record(regarding: KubernetesObject, event: RecordedEvent): void {
    if (this.closed) return;
    const now = this.clock.now();
    const key = seriesKey(regarding, event);
    const decision = this.correlator.observe(key, now, () => eventPlace(regarding));
    if (decision.kind === 'counted') return;
    if (decision.kind === 'series') {
      this.enqueue({ kind: 'series', body: seriesBody(decision.entry), key });
      return;
    }
    if (!this.spam.allow(objectKey(regarding), now)) {
      this.droppedSpam++;
      this.correlator.forget(key);
      return;
    }
    const reporter = this.options;
    const body = createBody(regarding, event, { entry: decision.entry, now, reporter });
    this.enqueue({ kind: 'create', body, key });
  }

  stats(): EventRecorderStats {
    const { written, failed, droppedSpam } = this;
    return {
      queued: this.queue.length,
      written,
      failed,
      droppedQueueFull: this.queue.dropped,
      droppedSpam,
    };
  }

  /** Sends every unwritten series count and waits for the queue to drain. */
  async flush(): Promise<void> {
    for (const entry of this.correlator.due(this.clock.now(), true))
      this.enqueue({ kind: 'series', body: seriesBody(entry), key: '' });
    while (this.draining) await this.draining;
  }

  /** Stops taking events; what is queued is written within `graceMs`, the rest dropped. */
  async close(graceMs = 2000): Promise<void> {
    this.clock.clearTimeout(this.tick);
    const flushed = this.flush();
    this.closed = true;
    let timer: unknown;
    const grace = new Promise<void>((resolve) => (timer = this.clock.setTimeout(resolve, graceMs)));
    await Promise.race([flushed, grace]);
    this.clock.clearTimeout(timer);
    while (this.queue.shift()) this.queue.dropped++;
  }

  private enqueue(write: PendingWrite): void {
    if (!this.queue.push(write)) {
      if (write.kind === 'create') this.correlator.forget(write.key);
      return;
    }
    this.draining ??= this.drain().finally(() => (this.draining = undefined));
  }

  private async drain(): Promise<void> {
    for (let write = this.queue.shift(); write; write = this.queue.shift()) await this.send(write);
  }

  private async send(write: PendingWrite): Promise<void> {
    const { client } = this.options;
    try {
      if (write.kind === 'create') await client.create(write.body);
      else
        await client.patch(
          write.body,
          undefined,
          undefined,
          undefined,
          undefined,
          PatchStrategy.MergePatch,
        );
      this.written++;
    } catch (error) {
      this.failed++;
      const { name, namespace } = write.body.metadata ?? {};
      this.logger.warn(
        { err: error, namespace, name, write: write.kind },
        'Could not record event',
      );
    }
  }

  private scheduleTick(): void {
    this.tick = this.clock.setTimeout(() => {
      for (const entry of this.correlator.due(this.clock.now()))
        this.enqueue({ kind: 'series', body: seriesBody(entry), key: '' });
      if (!this.closed) this.scheduleTick();
    }, TICK_MS);
  }
}
