// Verb handlers for resource paths. Thin: each turns a request into one store call.
import type { ServerResponse } from 'node:http';
import { ApiError, badRequest } from './errors.js';
import { methodNotAllowed, notFoundPath, parseBody, sendJson } from './http-io.js';
import { includeObjectOf, listResponse, selectorMatcher, wantsTable } from './list.js';
import { applyPatch } from './patching.js';
import { patchTypeOf } from './patch.js';
import type { Registry } from './registry.js';
import type { ResourceRoute } from './route.js';
import type { Propagation, Store } from './store.js';
import { toTable } from './table.js';
import type { KubeObject, ResourceType } from './types.js';
import { serveWatch } from './watch.js';
import { warningHeaders, writeOptionsOf, type WriteOptions } from './write-options.js';

export interface ResourceRequest {
  method: string;
  route: ResourceRoute;
  query: URLSearchParams;
  accept: string | undefined;
  contentType: string | undefined;
  body: string;
}

interface Ctx {
  store: Store;
  t: ResourceType;
  ns: string;
  req: ResourceRequest;
  res: ServerResponse;
}

const resolveType = (registry: Registry, r: ResourceRoute): ResourceType => {
  const t = registry.find(r.group, r.version, r.plural);
  if (!t) throw notFoundPath();
  if (r.subresource !== undefined && !(r.subresource === 'status' && t.hasStatus))
    throw notFoundPath();
  if (r.namespace !== undefined && !t.namespaced) throw notFoundPath();
  return t;
};

const bodyObject = (c: Ctx): KubeObject => {
  const o = parseBody(c.req.body, c.req.contentType) as KubeObject;
  if (typeof o !== 'object' || o === null || Array.isArray(o))
    throw badRequest('the body must be an object');
  o.metadata ??= {};
  const ns = o.metadata.namespace;
  if (c.t.namespaced && ns && ns !== c.ns) {
    throw badRequest(
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  }
  return o;
};

const unsupportedMediaType = (ct: string | undefined): ApiError =>
  new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ` +
      'application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, ' +
      `application/strategic-merge-patch+json (got ${ct ?? 'none'})`,
  );

const getOrList = (c: Ctx): void => {
  const { req, store, t } = c;
  const name = req.route.name;
  const w = req.query.get('watch');
  if (name === undefined && (w === '1' || w === 'true')) {
    const timeout = req.query.get('timeoutSeconds');
    serveWatch(
      store,
      {
        t,
        namespace: req.route.namespace,
        resourceVersion: req.query.get('resourceVersion') ?? undefined,
        matches: selectorMatcher(req.query, t),
        bookmarks: req.query.get('allowWatchBookmarks') === 'true',
        timeoutSeconds: timeout ? Number(timeout) : undefined,
      },
      c.res,
    );
    return;
  }
  if (name === undefined)
    return sendJson(c.res, 200, listResponse(store, t, req.route.namespace, req));
  const o = store.get(t, c.ns, name);
  const meta = { resourceVersion: o.metadata.resourceVersion };
  sendJson(
    c.res,
    200,
    wantsTable(req.accept) ? toTable(t, [o], meta, includeObjectOf(req.query)) : o,
  );
};

/** Sends a write's result with the Warning headers the write collected (fieldValidation Warn). */
const sendWritten = (c: Ctx, status: number, object: KubeObject, options: WriteOptions): void => {
  if (options.warnings.length > 0) c.res.setHeader('Warning', warningHeaders(options.warnings));
  sendJson(c.res, status, object);
};

const create = (c: Ctx): void => {
  const options = writeOptionsOf(c.req.query);
  sendWritten(c, 201, c.store.create(c.t, c.ns, bodyObject(c), options), options);
};

const update = (c: Ctx, name: string): void => {
  const o = bodyObject(c);
  if (o.metadata.name !== undefined && o.metadata.name !== name) {
    throw badRequest(
      `the name of the object (${o.metadata.name}) does not match the name on the URL (${name})`,
    );
  }
  o.metadata.name = name;
  const sub = c.req.route.subresource === 'status' ? 'status' : undefined;
  const options = writeOptionsOf(c.req.query);
  sendWritten(c, 200, c.store.update(c.t, c.ns, o, { subresource: sub, options }), options);
};

const patch = (c: Ctx, name: string): void => {
  const type = patchTypeOf(c.req.contentType);
  if (!type) throw unsupportedMediaType(c.req.contentType);
  const sub = c.req.route.subresource === 'status' ? 'status' : undefined;
  const options = writeOptionsOf(c.req.query);
  const { object, created } = applyPatch(
    { store: c.store, t: c.t, ns: c.ns, name, options },
    type,
    c.req.body,
    sub,
  );
  sendWritten(c, created ? 201 : 200, object, options);
};

const remove = (c: Ctx, name: string): void => {
  const fromBody = c.req.body.trim()
    ? (parseBody(c.req.body, 'application/json') as { propagationPolicy?: string })
    : {};
  const policy = (c.req.query.get('propagationPolicy') ??
    fromBody.propagationPolicy ??
    'Background') as Propagation;
  sendJson(c.res, 200, c.store.delete(c.t, c.ns, name, policy));
};

export const handleResource = (
  store: Store,
  registry: Registry,
  req: ResourceRequest,
  res: ServerResponse,
): void => {
  const t = resolveType(registry, req.route);
  const c: Ctx = { store, t, ns: t.namespaced ? (req.route.namespace ?? '') : '', req, res };
  const name = req.route.name;
  if (req.method === 'GET') return getOrList(c);
  if (req.method === 'POST' && name === undefined) return create(c);
  if (name === undefined) throw methodNotAllowed(req.method);
  if (req.method === 'PUT') return update(c, name);
  if (req.method === 'PATCH') return patch(c, name);
  if (req.method === 'DELETE') return remove(c, name);
  throw methodNotAllowed(req.method);
};
