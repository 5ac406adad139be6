// What kube-apiserver's OwnerReferencesPermissionEnforcement admission plugin asks the authorizer
// (on by default on OpenShift, and in many hardened clusters): setting blockOwnerDeletion=true on
// an owner reference, when creating an object or on a reference that did not block before, needs
// `update` on the owner's `finalizers` subresource. An operator whose ClusterRole lacks it works
// on a plain cluster and is refused there, so the request log records these implied checks like
// any request, and an RBAC test sees them.
// https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#ownerreferencespermissionenforcement
import type { RecordedRequest } from './request-log.js';
import type { ResourceType } from './types.js';

interface OwnerReference {
  apiVersion?: unknown;
  kind?: unknown;
  name?: unknown;
  uid?: unknown;
  blockOwnerDeletion?: unknown;
}

const referencesOf = (object: unknown): OwnerReference[] => {
  const metadata = (object as { metadata?: { ownerReferences?: unknown } } | undefined)?.metadata;
  const refs = metadata?.ownerReferences;
  return Array.isArray(refs) ? refs.filter((r): r is OwnerReference => typeof r === 'object') : [];
};

const blocking = (refs: OwnerReference[]): OwnerReference[] =>
  refs.filter((r) => r.blockOwnerDeletion === true);

const sameOwner = (a: OwnerReference, b: OwnerReference): boolean =>
  a.uid === b.uid && a.apiVersion === b.apiVersion && a.kind === b.kind && a.name === b.name;

/**
 * The `update <owner>/finalizers` checks a write implies: one per blocking reference in `next`
 * that `previous` (the stored object, undefined on create) does not already have as blocking.
 * Owners whose kind the server does not serve are skipped, as the plugin skips what its REST
 * mapper cannot resolve.
 */
export function impliedFinalizerChecks(
  { user, namespace }: { user: string; namespace: string },
  next: unknown,
  previous: unknown,
  resolve: (group: string, version: string, kind: string) => ResourceType | undefined,
): RecordedRequest[] {
  const before = blocking(referencesOf(previous));
  return blocking(referencesOf(next))
    .filter((ref) => !before.some((old) => sameOwner(old, ref)))
    .flatMap((ref) => {
      if (typeof ref.apiVersion !== 'string' || typeof ref.kind !== 'string') return [];
      const slash = ref.apiVersion.indexOf('/');
      const group = slash < 0 ? '' : ref.apiVersion.slice(0, slash);
      const version = ref.apiVersion.slice(slash + 1);
      const owner = resolve(group, version, ref.kind);
      if (!owner) return [];
      return [
        {
          user,
          verb: 'update' as const,
          apiGroup: group,
          resource: owner.plural,
          subresource: 'finalizers',
          namespace: owner.namespaced ? namespace : '',
          name: typeof ref.name === 'string' ? ref.name : '',
        },
      ];
    });
}

/** The object a write names: the route's name, or on create the body's metadata.name. */
export function writtenName(method: string, routeName: string | undefined, body: string): string {
  if (routeName !== undefined) return routeName;
  if (method !== 'POST') return '';
  try {
    const name = (JSON.parse(body) as { metadata?: { name?: unknown } }).metadata?.name;
    return typeof name === 'string' ? name : '';
  } catch {
    return ''; // YAML or garbage: the create itself answers it
  }
}
