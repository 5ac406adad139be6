import {
  deniedRequests,
  describePermission,
  permissionsOf,
  ruleAllows,
  rulesAllow,
  unusedPermissions,
  type PolicyRule,
  type ResourceRequest,
} from './rbac.js';

const req = (
  verb: string,
  apiGroup: string,
  resource: string,
  rest: Partial<ResourceRequest> = {},
): ResourceRequest =>
  ({ verb, apiGroup, resource, subresource: '', name: '', ...rest }) as ResourceRequest;

const rule = (
  verbs: string[],
  apiGroups: string[],
  resources: string[],
  resourceNames?: string[],
): PolicyRule => ({ verbs, apiGroups, resources, ...(resourceNames ? { resourceNames } : {}) });

describe('ruleAllows', () => {
  const deployments = rule(['get', 'list'], ['apps'], ['deployments']);
  it.each([
    ['the verb, group and resource named', deployments, req('get', 'apps', 'deployments'), true],
    ['another verb', deployments, req('watch', 'apps', 'deployments'), false],
    ['another group', deployments, req('get', 'extensions', 'deployments'), false],
    [
      'the core group only as ""',
      rule(['get'], [''], ['secrets']),
      req('get', '', 'secrets'),
      true,
    ],
    ['another resource', deployments, req('get', 'apps', 'statefulsets'), false],
    [
      'a subresource not named',
      deployments,
      req('get', 'apps', 'deployments', { subresource: 'scale' }),
      false,
    ],
    [
      '"*" verbs',
      rule(['*'], ['apps'], ['deployments']),
      req('delete', 'apps', 'deployments'),
      true,
    ],
    ['"*" groups', rule(['get'], ['*'], ['deployments']), req('get', 'x.io', 'deployments'), true],
    [
      '"*" resources, subresources too',
      rule(['get'], ['apps'], ['*']),
      req('get', 'apps', 'deployments', { subresource: 'scale' }),
      true,
    ],
    [
      '"resource/subresource"',
      rule(['patch'], ['sluice.dev'], ['inferencemodels/status']),
      req('patch', 'sluice.dev', 'inferencemodels', { subresource: 'status' }),
      true,
    ],
    [
      '"resource/subresource" not the resource',
      rule(['patch'], ['sluice.dev'], ['inferencemodels/status']),
      req('patch', 'sluice.dev', 'inferencemodels'),
      false,
    ],
    [
      '"*/subresource"',
      rule(['patch'], ['sluice.dev'], ['*/status']),
      req('patch', 'sluice.dev', 'routingpolicies', { subresource: 'status' }),
      true,
    ],
    [
      '"*/subresource" not the resource',
      rule(['patch'], ['sluice.dev'], ['*/status']),
      req('patch', 'sluice.dev', 'routingpolicies'),
      false,
    ],
    [
      'resourceNames: a named one',
      rule(['get'], ['coordination.k8s.io'], ['leases'], ['sluice']),
      req('get', 'coordination.k8s.io', 'leases', { name: 'sluice' }),
      true,
    ],
    [
      'resourceNames: another name',
      rule(['get'], ['coordination.k8s.io'], ['leases'], ['sluice']),
      req('get', 'coordination.k8s.io', 'leases', { name: 'x' }),
      false,
    ],
    [
      'resourceNames: never a create',
      rule(['create'], ['coordination.k8s.io'], ['leases'], ['sluice']),
      req('create', 'coordination.k8s.io', 'leases'),
      false,
    ],
    [
      'a rule without apiGroups',
      { verbs: ['get'], resources: ['secrets'] },
      req('get', '', 'secrets'),
      false,
    ],
    [
      'nonResourceURLs',
      { verbs: ['get'], nonResourceURLs: ['*'] },
      req('get', '', 'secrets'),
      false,
    ],
  ] as const)('%s', (_, r, request, allowed) => {
    expect(ruleAllows(r as PolicyRule, request)).toBe(allowed);
  });
});

describe('a rule set', () => {
  const rules: PolicyRule[] = [
    rule(['get', 'list', 'watch'], ['sluice.dev'], ['inferencemodels', 'quantizationprofiles']),
    rule(['patch'], ['sluice.dev'], ['inferencemodels/status']),
  ];
  const requests = [
    req('list', 'sluice.dev', 'inferencemodels'),
    req('watch', 'sluice.dev', 'inferencemodels'),
    req('patch', 'sluice.dev', 'inferencemodels', { subresource: 'status' }),
    req('list', 'sluice.dev', 'quantizationprofiles'),
  ];

  it('allows a request when any rule does', () => {
    expect(
      rulesAllow(rules, req('patch', 'sluice.dev', 'inferencemodels', { subresource: 'status' })),
    ).toBe(true);
    expect(rulesAllow([], req('get', '', 'secrets'))).toBe(false);
  });

  it('names each denied request once, sorted', () => {
    const more = [
      ...requests,
      req('get', '', 'secrets'),
      req('get', '', 'secrets'),
      req('create', 'apps', 'deployments'),
    ];
    expect(deniedRequests(rules, more)).toEqual(['create apps/deployments', 'get core/secrets']);
    expect(deniedRequests(rules, requests)).toEqual([]);
  });

  it('expands rules into (verb, group, resource) permissions', () => {
    expect(permissionsOf(rules)).toHaveLength(7);
    expect(permissionsOf(rules)[6]).toEqual({
      rule: 1,
      verb: 'patch',
      apiGroup: 'sluice.dev',
      resource: 'inferencemodels/status',
    });
  });

  it('finds the permissions no request used', () => {
    const unused = unusedPermissions(rules, requests).map(describePermission);
    expect(unused).toEqual([
      'get sluice.dev/inferencemodels',
      'get sluice.dev/quantizationprofiles',
      'watch sluice.dev/quantizationprofiles',
    ]);
    expect(unusedPermissions(rules.slice(1), requests)).toEqual([]);
  });
});
