import { randomBytes } from 'node:crypto';
import type { KubernetesObject } from '@kubernetes/client-node';
import type { SeriesEntry } from './event-correlator.js';
import { microTime } from '../micro-time.js';

export type EventType = 'Normal' | 'Warning';

export interface RecordedEvent {
  readonly type: EventType;
  /** CamelCase, e.g. `CreatedDeployment`. */
  readonly reason: string;
  /** What the controller did, e.g. `Apply`. */
  readonly action: string;
  readonly note: string;
}

export interface Reporter {
  readonly reportingController: string;
  readonly reportingInstance: string;
}

/** The API server's limit on `note`. */
const NOTE_LIMIT = 1024;

/**
 * What makes two occurrences one series. client-go keys on action, reason, reporting controller
 * and the regarding/related objects; the note is added because ours names the child a reason is
 * about ("Created Service x" and "Created Deployment x" share the reason `Created`).
 */
export const seriesKey = (regarding: KubernetesObject, event: RecordedEvent): string =>
  [regarding.metadata?.uid ?? '', event.type, event.reason, event.action, event.note].join(
    '\u0000',
  );

/** The object the spam filter budgets: its uid, or its name where it has none. */
export const objectKey = ({ metadata }: KubernetesObject): string =>
  metadata?.uid ?? `${metadata?.namespace ?? ''}/${metadata?.name ?? ''}`;

/** A client-chosen name (client-go: `<object>.<hex time>`), so repeats can patch before it exists. */
export const eventPlace = ({
  metadata,
}: KubernetesObject): { name: string; namespace: string } => ({
  name: `${metadata?.name ?? 'object'}.${randomBytes(8).toString('hex')}`,
  namespace: metadata?.namespace ?? 'default',
});

export function createBody(
  regarding: KubernetesObject,
  event: RecordedEvent,
  at: { entry: SeriesEntry; now: number; reporter: Reporter },
): KubernetesObject {
  const { uid, name = '', namespace = 'default', resourceVersion } = regarding.metadata ?? {};
  return {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: { name: at.entry.name, namespace: at.entry.namespace },
    eventTime: microTime(at.now),
    type: event.type,
    reason: event.reason,
    action: event.action,
    note: event.note.slice(0, NOTE_LIMIT),
    regarding: {
      apiVersion: regarding.apiVersion,
      kind: regarding.kind,
      name,
      namespace,
      uid,
      resourceVersion,
    },
    ...at.reporter,
  } as KubernetesObject;
}

export const seriesBody = (entry: SeriesEntry): KubernetesObject =>
  ({
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: { name: entry.name, namespace: entry.namespace },
    series: { count: entry.count, lastObservedTime: microTime(entry.lastObserved) },
  }) as KubernetesObject;
