// GET collections: selectors, `limit`/`continue` (an offset token; the real server encodes a
// key, clients treat it as opaque), and the List or Table envelope.
import { badRequest } from './errors.js';
import { matchesFields, matchesLabels, parseSelector } from './selectors.js';
import type { Store } from './store.js';
import { toTable, type IncludeObject } from './table.js';
import type { Json, KubeObject, ResourceType } from './types.js';
import { apiVersionOf } from './types.js';

export const selectorMatcher = (
  q: URLSearchParams,
  t: ResourceType,
): ((o: KubeObject) => boolean) => {
  const labels = parseSelector(q.get('labelSelector'));
  const fields = parseSelector(q.get('fieldSelector'));
  return (o) => matchesLabels(labels, o.metadata.labels) && matchesFields(fields, o, t);
};

const page = (items: KubeObject[], q: URLSearchParams): { items: KubeObject[]; next?: string } => {
  const limit = Number(q.get('limit') ?? 0);
  const start = q.get('continue')
    ? Number(Buffer.from(q.get('continue') ?? '', 'base64url').toString())
    : 0;
  if (!Number.isInteger(start) || start < 0) throw badRequest('continue key is not valid');
  if (!limit || start + limit >= items.length) return { items: items.slice(start) };
  const next = Buffer.from(String(start + limit)).toString('base64url');
  return { items: items.slice(start, start + limit), next };
};

export const wantsTable = (accept: string | undefined): boolean =>
  (accept ?? '').split(',').some((part) => part.includes('as=Table'));

export const includeObjectOf = (q: URLSearchParams): IncludeObject =>
  (q.get('includeObject') as IncludeObject | null) ?? 'Metadata';

export const listResponse = (
  store: Store,
  t: ResourceType,
  ns: string | undefined,
  req: { query: URLSearchParams; accept: string | undefined },
): Json => {
  const all = store.list(t, ns).filter(selectorMatcher(req.query, t));
  const { items, next } = page(all, req.query);
  const metadata = { resourceVersion: store.resourceVersion, ...(next ? { continue: next } : {}) };
  if (wantsTable(req.accept)) return toTable(t, items, metadata, includeObjectOf(req.query));
  return { kind: t.listKind, apiVersion: apiVersionOf(t), metadata, items };
};
