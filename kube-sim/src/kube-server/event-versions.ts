// core/v1 Events and events.k8s.io/v1 Events are one resource in kube-apiserver, stored once and
// served in either shape (k8s.io/kubernetes/pkg/apis/events/v1 conversion). So an Event the
// operator records through events.k8s.io/v1 is what `kubectl describe` lists through core/v1.
// Stored here in the core/v1 shape.
import type { KubeObject, ResourceType } from './types.js';

/** The events.k8s.io/v1 field and the core/v1 field it is stored as. */
const RENAMED: readonly (readonly [string, string])[] = [
  ['regarding', 'involvedObject'],
  ['note', 'message'],
  ['reportingController', 'reportingComponent'],
  ['deprecatedSource', 'source'],
  ['deprecatedFirstTimestamp', 'firstTimestamp'],
  ['deprecatedLastTimestamp', 'lastTimestamp'],
  ['deprecatedCount', 'count'],
];

const isEventsGroup = (t: ResourceType): boolean =>
  t.group === 'events.k8s.io' && t.plural === 'events';

/** The key objects of this type are stored under: events.k8s.io Events share core's. */
export const storageResource = (t: ResourceType): string =>
  isEventsGroup(t) ? '/events' : `${t.group}/${t.plural}`;

/** The object in the stored shape. */
export function toStorage(t: ResourceType, o: KubeObject): KubeObject {
  return isEventsGroup(t) ? rename(o, 0, 1) : o;
}

/** The stored object in the shape of the type it is read as. */
export function fromStorage(t: ResourceType, o: KubeObject): KubeObject {
  return isEventsGroup(t) ? rename(o, 1, 0) : o;
}

function rename(o: KubeObject, from: 0 | 1, to: 0 | 1): KubeObject {
  const out: Record<string, unknown> = { ...o };
  for (const pair of RENAMED) {
    // The target shape's name wins over a stale field of the other shape.
    delete out[pair[to]];
    if (o[pair[from]] !== undefined) out[pair[to]] = o[pair[from]];
    delete out[pair[from]];
  }
  return out as KubeObject;
}
