// Parses REST paths: /api/v1/... and /apis/<group>/<version>/..., optionally namespaced:
// [namespaces/<ns>/]<plural>[/<name>[/<subresource>]]. Namespaces themselves are cluster-scoped,
// so /api/v1/namespaces/<name>[/status] addresses the Namespace.
export interface ResourceRoute {
  group: string;
  version: string;
  namespace: string | undefined;
  plural: string;
  name: string | undefined;
  subresource: string | undefined;
}

export type Route =
  | { kind: 'resource'; route: ResourceRoute }
  | { kind: 'groupVersion'; group: string; version: string }
  | { kind: 'other'; path: string };

const splitGroupVersion = (
  segs: string[],
): { group: string; version: string; rest: string[] } | undefined => {
  if (segs[0] === 'api' && segs[1]) return { group: '', version: segs[1], rest: segs.slice(2) };
  if (segs[0] === 'apis' && segs[1] && segs[2])
    return { group: segs[1], version: segs[2], rest: segs.slice(3) };
  return undefined;
};

const isNamespaceItself = (rest: string[]): boolean =>
  rest[0] === 'namespaces' && (rest.length <= 2 || (rest.length === 3 && rest[2] === 'status'));

export const parseRoute = (pathname: string): Route => {
  const segs = pathname
    .split('/')
    .filter((s) => s.length > 0)
    .map(decodeURIComponent);
  const gv = splitGroupVersion(segs);
  if (!gv) return { kind: 'other', path: pathname };
  const { group, version, rest } = gv;
  if (rest.length === 0) return { kind: 'groupVersion', group, version };
  const namespaced = !isNamespaceItself(rest) && rest[0] === 'namespaces' && rest.length >= 3;
  const r = namespaced ? rest.slice(2) : rest;
  return {
    kind: 'resource',
    route: {
      group,
      version,
      namespace: namespaced ? rest[1] : undefined,
      plural: r[0] ?? '',
      name: r[1],
      subresource: r[2],
    },
  };
};
