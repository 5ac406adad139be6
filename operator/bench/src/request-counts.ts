// What the operator sent, from the test server's request log: writes split into Events and the
// rest (children, status, finalizers), reads, and watches (which hold no budget once open).
import type { RecordedRequest } from '@sluice/kube-sim';

export interface RequestCounts {
  readonly eventWrites: number;
  /** Writes through the reconcile client: children, status, everything but Events. */
  readonly otherWrites: number;
  readonly childCreates: number;
  readonly reads: number;
  readonly watches: number;
  /** `verb resource[/subresource]` -> count, e.g. `patch inferencemodels/status`. */
  readonly byKind: Readonly<Record<string, number>>;
}

const WRITE_VERBS = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);
const CHILD_RESOURCES = new Set([
  'deployments',
  'persistentvolumeclaims',
  'jobs',
  'services',
  'horizontalpodautoscalers',
  'poddisruptionbudgets',
]);

const isEvent = (r: RecordedRequest): boolean =>
  r.resource === 'events' && (r.apiGroup === 'events.k8s.io' || r.apiGroup === '');

/**
 * The server's log also holds the authorization checks that owner-reference admission implies
 * (`update <owner>/finalizers` for a child created with blockOwnerDeletion); they are not
 * requests anyone sent, so they are left out.
 */
const isImplied = (r: RecordedRequest): boolean =>
  r.verb === 'update' && r.subresource === 'finalizers';

export function countRequests(all: readonly RecordedRequest[]): RequestCounts {
  const requests = all.filter((r) => !isImplied(r));
  const writes = requests.filter((r) => WRITE_VERBS.has(r.verb));
  const byKind: Record<string, number> = {};
  for (const r of requests) {
    const kind = `${r.verb} ${r.resource}${r.subresource ? `/${r.subresource}` : ''}`;
    byKind[kind] = (byKind[kind] ?? 0) + 1;
  }
  return {
    eventWrites: writes.filter(isEvent).length,
    otherWrites: writes.filter((r) => !isEvent(r)).length,
    childCreates: writes.filter((r) => r.verb === 'create' && CHILD_RESOURCES.has(r.resource))
      .length,
    reads: requests.filter((r) => r.verb === 'get' || r.verb === 'list').length,
    watches: requests.filter((r) => r.verb === 'watch').length,
    byKind,
  };
}

/** Requests through the reconcile client's limiter: all but Event writes (their own bucket). */
export const reconcileClientRequests = (c: RequestCounts): number =>
  c.otherWrites + c.reads + c.watches;
