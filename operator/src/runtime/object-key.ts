// Work-queue keys are `namespace/name` (cluster-scoped objects: `name`), as client-go's
// MetaNamespaceKeyFunc makes them.

export interface ObjectKey {
  readonly namespace: string;
  readonly name: string;
}

export function keyOf(key: ObjectKey): string {
  return key.namespace ? `${key.namespace}/${key.name}` : key.name;
}

export function parseKey(key: string): ObjectKey {
  const slash = key.indexOf('/');
  return slash < 0
    ? { namespace: '', name: key }
    : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

export function keyOfObject(object: {
  metadata?: { name?: string; namespace?: string } | undefined;
}): string {
  return keyOf({ namespace: object.metadata?.namespace ?? '', name: object.metadata?.name ?? '' });
}
