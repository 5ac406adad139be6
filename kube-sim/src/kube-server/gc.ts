// Background garbage collection, as the kube-controller-manager's garbage collector does it:
// a dependent goes once every owner it references is gone. Deletions go through the store's
// delete, so dependents' own finalizers still hold them, and cascade recursively.
import type { KubeObject, ResourceType } from './types.js';

export type Propagation = 'Background' | 'Foreground' | 'Orphan';

export interface GcView {
  all(): Array<{ t: ResourceType; o: KubeObject }>;
  delete(t: ResourceType, o: KubeObject): void;
}

const orphaned = (o: KubeObject, live: Set<string>): boolean => {
  const refs = o.metadata.ownerReferences ?? [];
  return refs.length > 0 && refs.every((r) => !live.has(r.uid));
};

export const collectGarbage = (view: GcView): void => {
  const everything = view.all();
  const live = new Set(everything.map(({ o }) => o.metadata.uid ?? ''));
  const doomed = everything.filter(({ o }) => !o.metadata.deletionTimestamp && orphaned(o, live));
  // Each delete recurses into collectGarbage through the store, covering grandchildren.
  for (const { t, o } of doomed) view.delete(t, o);
};
