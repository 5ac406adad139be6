// An opt-in log of the resource requests the server received, described as kube-apiserver's
// RequestInfo describes them to the authorizer (verb, API group, resource, subresource,
// namespace, name), so a test can check a ClusterRole against what a process really sends.
// https://kubernetes.io/docs/reference/access-authn-authz/authorization/#determine-the-request-verb
import type { ResourceRoute } from './route.js';

/** The verbs RBAC rules name (not HTTP methods). */
export type RequestVerb =
  'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export interface RecordedRequest {
  /** The bearer token, which this server (no authentication) takes as the user's name. */
  readonly user: string;
  readonly verb: RequestVerb;
  /** '' for the core group. */
  readonly apiGroup: string;
  readonly resource: string;
  /** '' when the request is for the resource itself. */
  readonly subresource: string;
  /** '' for cluster-scoped resources and requests across all namespaces. */
  readonly namespace: string;
  /** '' for collections (list, watch, create, deletecollection). */
  readonly name: string;
}

const isWatch = (query: URLSearchParams): boolean => {
  const w = query.get('watch');
  return w === '1' || w === 'true';
};

const VERB_OF_METHOD: Readonly<Record<string, RequestVerb>> = {
  POST: 'create',
  PUT: 'update',
  PATCH: 'patch',
};

/** RequestInfo's verb: GET is get, list or watch; DELETE of a collection is deletecollection. */
export function requestVerb(
  method: string,
  named: boolean,
  query: URLSearchParams,
): RequestVerb | undefined {
  if (method === 'GET' || method === 'HEAD') {
    if (isWatch(query)) return 'watch';
    return named ? 'get' : 'list';
  }
  if (method === 'DELETE') return named ? 'delete' : 'deletecollection';
  return VERB_OF_METHOD[method];
}

export interface RequestFacts {
  method: string;
  route: ResourceRoute;
  query: URLSearchParams;
  authorization: string | undefined;
}

/** The request as the authorizer sees it; undefined for a method RBAC has no verb for. */
export function describeRequest(facts: RequestFacts): RecordedRequest | undefined {
  const { route } = facts;
  const verb = requestVerb(facts.method, route.name !== undefined, facts.query);
  if (!verb) return undefined;
  const bearer = /^Bearer\s+(.+)$/i.exec(facts.authorization ?? '');
  return {
    user: bearer?.[1] ?? '',
    verb,
    apiGroup: route.group,
    resource: route.plural,
    subresource: route.subresource ?? '',
    namespace: namespaceOf(route),
    name: route.name ?? '',
  };
}

/** RequestInfo gives a Namespace's own requests its name as their namespace. */
const namespaceOf = (route: ResourceRoute): string =>
  route.group === '' && route.plural === 'namespaces'
    ? (route.name ?? '')
    : (route.namespace ?? '');

/** What the server recorded, in arrival order. Discovery and OpenAPI paths are not recorded. */
export class RequestLog {
  private readonly recorded: RecordedRequest[] = [];

  record(facts: RequestFacts): void {
    const request = describeRequest(facts);
    if (request) this.recorded.push(request);
  }

  /** Checks a request implied beyond its own (admission plugins asking the authorizer). */
  add(requests: readonly RecordedRequest[]): void {
    this.recorded.push(...requests);
  }

  entries(filter?: { user?: string }): readonly RecordedRequest[] {
    const user = filter?.user;
    return user === undefined ? [...this.recorded] : this.recorded.filter((r) => r.user === user);
  }

  clear(): void {
    this.recorded.length = 0;
  }
}
