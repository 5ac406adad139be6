// Label and field selectors in the string syntax of k8s.io/apimachinery/pkg/labels:
// `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, comma-joined (AND).
import { badRequest } from './errors.js';
import type { KubeObject } from './types.js';

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

/** Field selectors: only metadata.name and metadata.namespace, which every kind supports. */
const fieldValue = (o: KubeObject, key: string): string => {
  if (key === 'metadata.name') return o.metadata.name ?? '';
  if (key === 'metadata.namespace') return o.metadata.namespace ?? '';
  throw badRequest(`field label not supported: ${key}`);
};

export const matchesFields = (reqs: Requirement[], o: KubeObject): boolean =>
  reqs.every((r) => {
    const labels = { [r.key]: fieldValue(o, r.key) };
    return matchesOne(r, labels);
  });
