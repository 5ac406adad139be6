// Label and field selectors in the string syntax of k8s.io/apimachinery/pkg/labels:
// `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, comma-joined (AND).
import { badRequest } from './errors.js';
import type { KubeObject, ResourceType } from './types.js';

export type Requirement =
  { key: string; op: 'in' | 'notin'; values: string[] } | { key: string; op: 'exists' | '!exists' };

/** Splits on commas outside parentheses. */
const splitTerms = (s: string): string[] => {
  const terms = [''];
  let depth = 0;
  for (const ch of s) {
    depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
    if (ch === ',' && depth === 0) terms.push('');
    else terms[terms.length - 1] += ch;
  }
  return terms.map((t) => t.trim()).filter((t) => t.length > 0);
};

const setPattern = /^([^\s!=()]+)\s+(in|notin)\s+\(([^)]*)\)$/;
const eqPattern = /^([^\s!=()]+)\s*(==|=|!=)\s*([^\s!=()]*)$/;
const keyPattern = /^(!?)\s*([^\s!=()]+)$/;

const parseSet = (term: string): Requirement | undefined => {
  const m = setPattern.exec(term);
  if (!m) return undefined;
  const values = String(m[3])
    .split(',')
    .map((v) => v.trim());
  return { key: String(m[1]), op: m[2] === 'notin' ? 'notin' : 'in', values };
};

const parseEquality = (term: string): Requirement | undefined => {
  const m = eqPattern.exec(term);
  if (!m) return undefined;
  return { key: String(m[1]), op: m[2] === '!=' ? 'notin' : 'in', values: [String(m[3])] };
};

const parseExists = (term: string): Requirement | undefined => {
  const m = keyPattern.exec(term);
  if (!m) return undefined;
  return { key: String(m[2]), op: m[1] ? '!exists' : 'exists' };
};

const parseTerm = (term: string): Requirement => {
  const r = parseSet(term) ?? parseEquality(term) ?? parseExists(term);
  if (!r) throw badRequest(`unable to parse requirement: invalid selector: '${term}'`);
  return r;
};

export const parseSelector = (s: string | null | undefined): Requirement[] =>
  s ? splitTerms(s).map(parseTerm) : [];

const matchesOne = (r: Requirement, labels: Record<string, string>): boolean => {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  switch (r.op) {
    case 'exists':
      return has;
    case '!exists':
      return !has;
    case 'in':
      return has && r.values.includes(labels[r.key] ?? '');
    case 'notin':
      return !has || !r.values.includes(labels[r.key] ?? '');
  }
};

export const matchesLabels = (reqs: Requirement[], labels: Record<string, string> = {}): boolean =>
  reqs.every((r) => matchesOne(r, labels));

/** The field labels Events add (k8s.io/kubernetes/pkg/registry/core/event's ToSelectableFields). */
const EVENT_FIELDS = new Set([
  'involvedObject.kind',
  'involvedObject.namespace',
  'involvedObject.name',
  'involvedObject.uid',
  'involvedObject.apiVersion',
  'involvedObject.resourceVersion',
  'involvedObject.fieldPath',
  'reason',
  'reportingComponent',
  'source',
  'type',
]);

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const field = (o: unknown, key: string): unknown =>
  typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[key] : undefined;

/** An Event's field, whichever shape it is in (core/v1 or events.k8s.io/v1). */
function eventField(o: KubeObject, key: string): string {
  if (key.startsWith('involvedObject.')) {
    return text(field(o.involvedObject ?? o.regarding, key.slice('involvedObject.'.length)));
  }
  if (key === 'reportingComponent') return text(o.reportingComponent ?? o.reportingController);
  if (key === 'source') return text(field(o.source ?? o.deprecatedSource, 'component'));
  return text(o[key]);
}

/** Field selectors: metadata.name and metadata.namespace on every kind, and Events' own. */
const fieldValue = (t: ResourceType, o: KubeObject, key: string): string => {
  if (key === 'metadata.name') return o.metadata.name ?? '';
  if (key === 'metadata.namespace') return o.metadata.namespace ?? '';
  if (t.kind === 'Event' && EVENT_FIELDS.has(key)) return eventField(o, key);
  throw badRequest(`field label not supported: ${key}`);
};

export const matchesFields = (reqs: Requirement[], o: KubeObject, t: ResourceType): boolean =>
  reqs.every((r) => {
    const labels = { [r.key]: fieldValue(t, o, r.key) };
    return matchesOne(r, labels);
  });
