// The HTTP front of the test server: discovery, OpenAPI and resource paths.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { apiGroupList, apiResourceList, apiVersions, versionInfo } from './discovery.js';
import { notFoundPath, readBody, sendError, sendJson } from './http-io.js';
import { openApiDocument, openApiRoot, parseOpenApiPath } from './openapi.js';
import type { Registry } from './registry.js';
import { impliedFinalizerChecks, writtenName } from './owner-references-permission.js';
import type { RequestLog } from './request-log.js';
import { handleResource } from './resources.js';
import { parseRoute, type ResourceRoute } from './route.js';
import type { Store } from './store.js';
import type { Json, KubeObject } from './types.js';

const found = (doc: Json | undefined): Json => {
  if (!doc) throw notFoundPath();
  return doc;
};

const fixedDocument = (registry: Registry, pathname: string): Json | undefined => {
  if (pathname === '/version') return versionInfo();
  if (pathname === '/api') return apiVersions();
  if (pathname === '/apis') return apiGroupList(registry);
  if (pathname === '/openapi/v3') return openApiRoot(registry);
  if (pathname === '/healthz' || pathname === '/readyz' || pathname === '/livez')
    return { ok: true };
  const oa = parseOpenApiPath(pathname);
  if (oa) return found(openApiDocument(registry, oa.group, oa.version));
  return undefined;
};

interface Backend {
  store: Store;
  registry: Registry;
  /** Records resource requests when the server was started with recordRequests. */
  log: RequestLog | undefined;
}

const handle = async (
  { store, registry, log }: Backend,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  const doc = method === 'GET' ? fixedDocument(registry, url.pathname) : undefined;
  if (doc) return sendJson(res, 200, doc);
  const route = parseRoute(url.pathname);
  if (route.kind === 'groupVersion')
    return sendJson(res, 200, found(apiResourceList(registry, route.group, route.version)));
  if (route.kind !== 'resource') throw notFoundPath();
  // Recorded before it is served: the authorizer sees requests that then fail (404, 409) too.
  const authorization = req.headers.authorization;
  log?.record({ method, route: route.route, query: url.searchParams, authorization });
  const body = await readBody(req);
  const serve = (): void =>
    handleResource(
      store,
      registry,
      {
        method,
        route: route.route,
        query: url.searchParams,
        accept: req.headers.accept,
        contentType: req.headers['content-type'],
        body,
      },
      res,
    );
  if (!log) return serve();
  recordOwnerChecks(
    { store, registry, log },
    { method, route: route.route, body, authorization },
    serve,
  );
};

/**
 * Serves a write and records the owner-reference admission checks it implied: what the write
 * changed (the stored object before and after) decides which.
 */
const recordOwnerChecks = (
  { store, registry, log }: Backend & { log: RequestLog },
  write: { method: string; route: ResourceRoute; body: string; authorization: string | undefined },
  serve: () => void,
): void => {
  const { route } = write;
  if (!WRITES.has(write.method) || route.subresource !== undefined) return serve();
  const stored = storedObject(
    store,
    registry,
    route,
    writtenName(write.method, route.name, write.body),
  );
  const previous = stored();
  serve();
  const user = /^Bearer\s+(.+)$/i.exec(write.authorization ?? '')?.[1] ?? '';
  const resolve = (group: string, version: string, kind: string) =>
    registry.all().find((t) => t.group === group && t.version === version && t.kind === kind);
  const namespace = route.namespace ?? '';
  log.add(impliedFinalizerChecks({ user, namespace }, stored(), previous, resolve));
};

const WRITES = new Set(['POST', 'PUT', 'PATCH']);

/** Reads the named object as stored now (undefined when absent or unnamed). */
const storedObject =
  (store: Store, registry: Registry, route: ResourceRoute, name: string) =>
  (): KubeObject | undefined => {
    const t = registry.find(route.group, route.version, route.plural);
    if (!t || name === '') return undefined;
    try {
      return store.get(t, t.namespaced ? (route.namespace ?? '') : '', name);
    } catch {
      return undefined;
    }
  };

export const createKubeHttpServer = (store: Store, registry: Registry, log?: RequestLog): Server =>
  createServer((req, res) => {
    handle({ store, registry, log }, req, res).catch((err: unknown) => sendError(res, err));
  });
