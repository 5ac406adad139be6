// `?watch=1`: a chunked application/json stream, one `{"type":...,"object":...}` per line.
// resourceVersion unset or "0" starts with synthetic ADDED events for current objects; a version
// still in the history replays what came after it; an older one gets an ERROR event carrying a
// 410 Expired Status, as kube-apiserver's watch cache answers a compacted revision.
import type { ServerResponse } from 'node:http';
import { gone } from './errors.js';
import { storageResource } from './event-versions.js';
import type { Store } from './store.js';
import type { KubeObject, ResourceType, StoredEvent } from './types.js';

export interface WatchRequest {
  t: ResourceType;
  namespace: string | undefined;
  resourceVersion: string | undefined;
  matches: (o: KubeObject) => boolean;
  bookmarks: boolean;
  timeoutSeconds: number | undefined;
}

const bookmarkEvery = 1000;

const write = (res: ServerResponse, type: string, object: unknown): void => {
  res.write(`${JSON.stringify({ type, object })}\n`);
};

const relevant = (w: WatchRequest, e: StoredEvent): boolean =>
  e.groupResource === storageResource(w.t) &&
  (w.namespace === undefined || e.namespace === w.namespace) &&
  w.matches(e.object);

const initialEvents = (store: Store, w: WatchRequest): StoredEvent[] | undefined => {
  if (!w.resourceVersion || w.resourceVersion === '0') {
    return store.list(w.t, w.namespace).map((object) => ({
      rv: Number(object.metadata.resourceVersion),
      groupResource: storageResource(w.t),
      namespace: object.metadata.namespace ?? '',
      type: 'ADDED',
      object,
    }));
  }
  return store.history.since(Number(w.resourceVersion));
};

export const serveWatch = (store: Store, w: WatchRequest, res: ServerResponse): void => {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache' });
  // Clients (client-node's Watch) wait for the headers before reading; send them now.
  res.flushHeaders();
  const replay = initialEvents(store, w);
  if (!replay) {
    const oldest = store.history.oldestRetainedRv;
    const error = gone(`too old resource version: ${w.resourceVersion} (${oldest + 1})`);
    write(res, 'ERROR', error.toStatus());
    res.end();
    return;
  }
  const send = (e: StoredEvent): void => {
    if (relevant(w, e)) write(res, e.type, store.present(w.t, e.object));
  };
  replay.forEach(send);
  const unsubscribe = store.history.subscribe(send);
  const timers: NodeJS.Timeout[] = [];
  const stop = (): void => {
    unsubscribe();
    timers.forEach((t) => clearTimeout(t));
    if (!res.writableEnded) res.end();
  };
  if (w.bookmarks) timers.push(setInterval(() => bookmark(store, w, res), bookmarkEvery));
  if (w.timeoutSeconds) timers.push(setTimeout(stop, w.timeoutSeconds * 1000));
  res.on('close', stop);
};

const bookmark = (store: Store, w: WatchRequest, res: ServerResponse): void => {
  const apiVersion = w.t.group === '' ? w.t.version : `${w.t.group}/${w.t.version}`;
  write(res, 'BOOKMARK', {
    kind: w.t.kind,
    apiVersion,
    metadata: { resourceVersion: store.resourceVersion },
  });
};
