// What kube-apiserver's apiextensions controllers do when a CRD changes: serve its resources,
// mark it Established/NamesAccepted, and on deletion stop serving and remove its objects.
// Serving changes synchronously (a create right after the CRD works); status and cleanup writes
// are deferred so they never interleave with the event being delivered to watchers.
import type { Registry } from './registry.js';
import { crdStatus } from './registry.js';
import type { Store } from './store.js';
import type { ResourceType, StoredEvent } from './types.js';

const crdGroupResource = 'apiextensions.k8s.io/customresourcedefinitions';

export const watchCrds = (store: Store, registry: Registry): (() => void) => {
  const crdType = registry.find(
    'apiextensions.k8s.io',
    'v1',
    'customresourcedefinitions',
  ) as ResourceType;
  const onEvent = (e: StoredEvent): void => {
    if (e.groupResource !== crdGroupResource) return;
    const name = e.object.metadata.name ?? '';
    if (e.type === 'DELETED') {
      const removed = registry.unregister(name);
      setImmediate(() => removed.slice(0, 1).forEach((t) => store.dropResource(t)));
      return;
    }
    registry.register(e.object);
    if (e.object['status'] && e.type === 'MODIFIED') return;
    setImmediate(() => markEstablished(store, crdType, name));
  };
  return store.history.subscribe(onEvent);
};

const markEstablished = (store: Store, crdType: ResourceType, name: string): void => {
  try {
    const crd = store.get(crdType, '', name);
    store.update(crdType, '', { ...crd, status: crdStatus(crd) }, 'status');
  } catch {
    // Deleted meanwhile: nothing to establish.
  }
};
