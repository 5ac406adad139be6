// Whether RBAC PolicyRules grant a resource request, with the RBAC authorizer's matching rules
// (k8s.io/kubernetes plugin/pkg/auth/authorizer/rbac: VerbMatches, APIGroupMatches,
// ResourceMatches, ResourceNameMatches): `*` matches any verb, group or resource; a rule's
// "resource/subresource" names one subresource and "*/subresource" that subresource of every
// resource; resourceNames, when set, limit the rule to those names, so it never grants a list,
// watch or create (they carry no name). nonResourceURLs rules grant no resource request.
// The server does not enforce RBAC; tests use this to check a ClusterRole against a RequestLog.
import type { RecordedRequest } from './request-log.js';

/** rbac.authorization.k8s.io/v1 PolicyRule. */
export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** What a rule is matched against: a RecordedRequest, or a part of one. */
export type ResourceRequest = Pick<
  RecordedRequest,
  'verb' | 'apiGroup' | 'resource' | 'subresource' | 'name'
>;

const has = (list: readonly string[] | undefined, value: string): boolean =>
  (list ?? []).some((item) => item === '*' || item === value);

function resourceMatches(rule: PolicyRule, request: ResourceRequest): boolean {
  const combined = request.subresource
    ? `${request.resource}/${request.subresource}`
    : request.resource;
  return (rule.resources ?? []).some(
    (r) =>
      r === '*' ||
      r === combined ||
      (request.subresource !== '' && r === `*/${request.subresource}`),
  );
}

function nameMatches(rule: PolicyRule, request: ResourceRequest): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(request.name);
}

export function ruleAllows(rule: PolicyRule, request: ResourceRequest): boolean {
  return (
    has(rule.verbs, request.verb) &&
    has(rule.apiGroups, request.apiGroup) &&
    resourceMatches(rule, request) &&
    nameMatches(rule, request)
  );
}

/** The RBAC authorizer's answer: some rule of the set allows the request. */
export function rulesAllow(rules: readonly PolicyRule[], request: ResourceRequest): boolean {
  return rules.some((rule) => ruleAllows(rule, request));
}

/** The requests no rule allows, each once ("verb group/resource[/subresource]"). */
export function deniedRequests(
  rules: readonly PolicyRule[],
  requests: readonly ResourceRequest[],
): string[] {
  const denied = requests.filter((r) => !rulesAllow(rules, r)).map(describePermission);
  return [...new Set(denied)].sort();
}

/** One verb on one group/resource a rule grants: the unit a rule is checked for use by. */
export interface Permission {
  readonly rule: number;
  readonly verb: string;
  readonly apiGroup: string;
  readonly resource: string;
}

/** Every (verb, group, resource) a rule set names, to find those no request needed. */
export function permissionsOf(rules: readonly PolicyRule[]): Permission[] {
  return rules.flatMap((rule, index) =>
    rule.verbs.flatMap((verb) =>
      (rule.apiGroups ?? []).flatMap((apiGroup) =>
        (rule.resources ?? []).map((resource) => ({ rule: index, verb, apiGroup, resource })),
      ),
    ),
  );
}

/** The permissions that allowed none of the requests: rules broader than the process needs. */
export function unusedPermissions(
  rules: readonly PolicyRule[],
  requests: readonly ResourceRequest[],
): Permission[] {
  return permissionsOf(rules).filter((p) => {
    const rule = rules[p.rule] as PolicyRule;
    const single: PolicyRule = {
      ...rule,
      verbs: [p.verb],
      apiGroups: [p.apiGroup],
      resources: [p.resource],
    };
    return !requests.some((request) => ruleAllows(single, request));
  });
}

export function describePermission(p: {
  verb: string;
  apiGroup: string;
  resource: string;
  subresource?: string;
}): string {
  const group = p.apiGroup === '' ? 'core' : p.apiGroup;
  const resource = p.subresource ? `${p.resource}/${p.subresource}` : p.resource;
  return `${p.verb} ${group}/${resource}`;
}
