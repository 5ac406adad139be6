import { parseRoute } from './route.js';

const r = (group: string, version: string, rest: Record<string, string | undefined>): unknown => ({
  kind: 'resource',
  route: { group, version, namespace: undefined, name: undefined, subresource: undefined, ...rest },
});

describe('parseRoute', () => {
  it.each([
    ['/api/v1/namespaces', r('', 'v1', { plural: 'namespaces' })],
    ['/api/v1/namespaces/default', r('', 'v1', { plural: 'namespaces', name: 'default' })],
    [
      '/api/v1/namespaces/default/status',
      r('', 'v1', { plural: 'namespaces', name: 'default', subresource: 'status' }),
    ],
    [
      '/api/v1/namespaces/default/configmaps/c',
      r('', 'v1', { namespace: 'default', plural: 'configmaps', name: 'c' }),
    ],
    [
      '/apis/sluice.dev/v1alpha1/namespaces/ns/inferencemodels/m/status',
      r('sluice.dev', 'v1alpha1', {
        namespace: 'ns',
        plural: 'inferencemodels',
        name: 'm',
        subresource: 'status',
      }),
    ],
    [
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
      r('apiextensions.k8s.io', 'v1', { plural: 'customresourcedefinitions' }),
    ],
    ['/apis/apps/v1', { kind: 'groupVersion', group: 'apps', version: 'v1' }],
    ['/api/v1', { kind: 'groupVersion', group: '', version: 'v1' }],
    ['/metrics', { kind: 'other', path: '/metrics' }],
  ])('%s', (path, expected) => {
    expect(parseRoute(path)).toEqual(expected);
  });
});
