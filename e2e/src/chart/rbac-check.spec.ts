import type { PolicyRule, ResourceRequest } from '@sluice/kube-sim';
import { includedRulesFile, removeEachRule } from './rbac-check.js';

const request = (verb: string, apiGroup: string, resource: string): ResourceRequest =>
  ({ verb, apiGroup, resource, subresource: '', name: '' }) as ResourceRequest;

describe('includedRulesFile', () => {
  const head = 'kind: ClusterRole\nmetadata:\n  name: x\n';
  it.each<[string, string, string | undefined]>([
    [
      'the included file',
      'rules:\n  {{- .Files.Get "files/a.yaml" | nindent 2 }}\n',
      'files/a.yaml',
    ],
    [
      'nothing when rules follow the include',
      'rules:\n  {{- .Files.Get "files/a.yaml" | nindent 2 }}\n  - verbs: [get]\n',
      undefined,
    ],
    ['nothing for inline rules', 'rules:\n  - verbs: [get]\n', undefined],
    [
      'nothing for a wrong indent',
      'rules:\n  {{- .Files.Get "files/a.yaml" | nindent 4 }}\n',
      undefined,
    ],
  ])('finds %s', (_, rules, expected) => {
    expect(includedRulesFile(head + rules)).toBe(expected);
  });
});

describe('removeEachRule', () => {
  const rules: PolicyRule[] = [
    { apiGroups: ['apps'], resources: ['deployments'], verbs: ['list', 'watch'] },
    { apiGroups: [''], resources: ['services'], verbs: ['create'] },
    { apiGroups: [''], resources: ['secrets'], verbs: ['get'] },
  ];
  it('reports what each removal denies, and nothing for an unneeded rule', () => {
    const requests = [
      request('list', 'apps', 'deployments'),
      request('watch', 'apps', 'deployments'),
      request('create', '', 'services'),
    ];
    expect(removeEachRule(rules, requests)).toEqual([
      { index: 0, denied: ['list apps/deployments', 'watch apps/deployments'] },
      { index: 1, denied: ['create core/services'] },
      { index: 2, denied: [] },
    ]);
  });
});
