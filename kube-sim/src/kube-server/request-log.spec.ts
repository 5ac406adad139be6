import { describeRequest, RequestLog, type RecordedRequest } from './request-log.js';
import { parseRoute, type ResourceRoute } from './route.js';

const routeOf = (path: string): ResourceRoute => {
  const parsed = parseRoute(path);
  if (parsed.kind !== 'resource') throw new Error(`not a resource path: ${path}`);
  return parsed.route;
};

const describe_ = (method: string, url: string, authorization?: string) => {
  const { pathname, searchParams } = new URL(url, 'http://localhost');
  return describeRequest({ method, route: routeOf(pathname), query: searchParams, authorization });
};

const expected = (fields: Partial<RecordedRequest>): RecordedRequest => ({
  user: '',
  verb: 'get',
  apiGroup: '',
  resource: '',
  subresource: '',
  namespace: '',
  name: '',
  ...fields,
});

describe('describeRequest', () => {
  it.each([
    [
      'GET',
      '/api/v1/namespaces/ns/secrets/s',
      { verb: 'get', resource: 'secrets', namespace: 'ns', name: 's' },
    ],
    [
      'GET',
      '/apis/apps/v1/deployments',
      { verb: 'list', apiGroup: 'apps', resource: 'deployments' },
    ],
    [
      'GET',
      '/apis/apps/v1/deployments?watch=true&resourceVersion=5',
      { verb: 'watch', apiGroup: 'apps', resource: 'deployments' },
    ],
    [
      'GET',
      '/apis/apps/v1/namespaces/ns/deployments?watch=1',
      { verb: 'watch', apiGroup: 'apps', resource: 'deployments', namespace: 'ns' },
    ],
    [
      'GET',
      '/apis/apps/v1/deployments?watch=false',
      { verb: 'list', apiGroup: 'apps', resource: 'deployments' },
    ],
    [
      'POST',
      '/apis/batch/v1/namespaces/ns/jobs',
      { verb: 'create', apiGroup: 'batch', resource: 'jobs', namespace: 'ns' },
    ],
    [
      'PUT',
      '/apis/coordination.k8s.io/v1/namespaces/ns/leases/l',
      {
        verb: 'update',
        apiGroup: 'coordination.k8s.io',
        resource: 'leases',
        namespace: 'ns',
        name: 'l',
      },
    ],
    [
      'PATCH',
      '/apis/sluice.dev/v1alpha1/namespaces/ns/quantizationprofiles/q/status',
      {
        verb: 'patch',
        apiGroup: 'sluice.dev',
        resource: 'quantizationprofiles',
        subresource: 'status',
        namespace: 'ns',
        name: 'q',
      },
    ],
    [
      'DELETE',
      '/apis/autoscaling/v2/namespaces/ns/horizontalpodautoscalers/h',
      {
        verb: 'delete',
        apiGroup: 'autoscaling',
        resource: 'horizontalpodautoscalers',
        namespace: 'ns',
        name: 'h',
      },
    ],
    [
      'DELETE',
      '/api/v1/namespaces/ns/configmaps',
      { verb: 'deletecollection', resource: 'configmaps', namespace: 'ns' },
    ],
    [
      'GET',
      '/api/v1/namespaces/kube-system',
      { verb: 'get', resource: 'namespaces', namespace: 'kube-system', name: 'kube-system' },
    ],
    [
      'GET',
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/x.sluice.dev',
      {
        verb: 'get',
        apiGroup: 'apiextensions.k8s.io',
        resource: 'customresourcedefinitions',
        name: 'x.sluice.dev',
      },
    ],
  ] as const)('%s %s', (method, url, fields) => {
    expect(describe_(method, url)).toEqual(expected(fields));
  });

  it('takes the bearer token as the user', () => {
    expect(describe_('GET', '/api/v1/secrets', 'Bearer operator-token')?.user).toBe(
      'operator-token',
    );
  });

  it.each(['OPTIONS', 'CONNECT'])('has no verb for %s', (method) => {
    expect(describe_(method, '/api/v1/secrets')).toBeUndefined();
  });
});

describe('RequestLog', () => {
  const query = new URLSearchParams();
  const facts = (path: string, authorization: string) => ({
    method: 'GET',
    route: routeOf(path),
    query,
    authorization,
  });

  it('keeps requests in order, filters by user, and clears', () => {
    const log = new RequestLog();
    log.record(facts('/api/v1/secrets', 'Bearer a'));
    log.record(facts('/api/v1/configmaps', 'Bearer b'));
    log.record({ ...facts('/api/v1/services', 'Bearer a'), method: 'OPTIONS' });
    expect(log.entries().map((r) => r.resource)).toEqual(['secrets', 'configmaps']);
    expect(log.entries({ user: 'b' }).map((r) => r.resource)).toEqual(['configmaps']);
    log.clear();
    expect(log.entries()).toEqual([]);
  });
});
