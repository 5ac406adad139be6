import { randomBytes } from 'node:crypto';
import {
  PatchStrategy,
  type KubernetesObject,
  type KubernetesObjectApi,
} from '@kubernetes/client-node';
import { systemClock, type Clock } from './clock.js';
import { silentLogger, type RuntimeLogger } from './logger.js';

export type EventType = 'Normal' | 'Warning';

export interface EventRecorderOptions {
  readonly client: KubernetesObjectApi;
  readonly reportingController: string;
  readonly reportingInstance: string;
  readonly logger?: RuntimeLogger;
  readonly clock?: Clock;
}

export interface RecordedEvent {
  readonly type: EventType;
  /** CamelCase, e.g. `CreatedDeployment`. */
  readonly reason: string;
  /** What the controller did, e.g. `Apply`. */
  readonly action: string;
  readonly note: string;
}

/** Repeats of one event within this window become a series on one Event object. */
const SERIES_WINDOW_MS = 30 * 60_000;

/**
 * Writes events.k8s.io/v1 Events about the objects a controller acts on. Repeats (same object,
 * type, reason, note) are aggregated into `series.count` best-effort, per process. Never throws:
 * a failed event is logged, the reconcile goes on.
 */
export class EventRecorder {
  private readonly clock: Clock;
  private readonly logger: RuntimeLogger;
  private readonly recent = new Map<
    string,
    { name: string; namespace: string; count: number; at: number }
  >();

  constructor(private readonly options: EventRecorderOptions) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
  }

  async record(regarding: KubernetesObject, event: RecordedEvent): Promise<void> {
    const { uid = '', name = '', namespace = 'default' } = regarding.metadata ?? {};
    const id = [uid, event.type, event.reason, event.note].join('\u0000');
    const now = this.clock.now();
    const seen = this.recent.get(id);
    try {
      if (seen && now - seen.at < SERIES_WINDOW_MS) {
        seen.count++;
        await this.patchSeries(seen.name, seen.namespace, seen.count, now);
        return;
      }
      const created = await this.create(regarding, event, now);
      this.recent.set(id, { name: created, namespace, count: 1, at: now });
      if (this.recent.size > 1000) this.recent.delete(this.recent.keys().next().value ?? '');
    } catch (error) {
      this.logger.warn(
        { err: error, namespace, name, reason: event.reason },
        'Could not record event',
      );
    }
  }

  private async create(
    regarding: KubernetesObject,
    event: RecordedEvent,
    now: number,
  ): Promise<string> {
    const { uid, name = '', namespace = 'default', resourceVersion } = regarding.metadata ?? {};
    const eventName = `${name}.${randomBytes(8).toString('hex')}`;
    const body = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: eventName, namespace },
      eventTime: microTime(now),
      type: event.type,
      reason: event.reason,
      action: event.action,
      note: event.note.slice(0, 1024),
      regarding: {
        apiVersion: regarding.apiVersion,
        kind: regarding.kind,
        name,
        namespace,
        uid,
        resourceVersion,
      },
      reportingController: this.options.reportingController,
      reportingInstance: this.options.reportingInstance,
    };
    await this.options.client.create(body);
    return eventName;
  }

  private async patchSeries(
    name: string,
    namespace: string,
    count: number,
    now: number,
  ): Promise<void> {
    const body = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name, namespace },
      series: { count, lastObservedTime: microTime(now) },
    };
    await this.options.client.patch(
      body,
      undefined,
      undefined,
      undefined,
      undefined,
      PatchStrategy.MergePatch,
    );
  }
}

/** metav1.MicroTime: RFC 3339 with microseconds. */
const microTime = (ms: number): string => new Date(ms).toISOString().replace(/Z$/, '000Z');
