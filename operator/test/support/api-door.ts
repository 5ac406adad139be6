// One operator's own way into the Kubernetes-API test server: a pass-through HTTP proxy that
// records the writes this instance sends (the server cannot tell two operators apart, since both
// use the same field manager and identity-free requests) and can cut the instance off like a
// network partition, so a leader stops renewing without releasing its Lease. It can also hold a
// request (keep it in flight) until the test releases it, e.g. to stop an operator meanwhile.
import { writeFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { kubeConfigFor } from './cluster.js';

/** A request the door keeps from the server until `release()`. */
export interface HeldRequest {
  /** Resolves with `METHOD path` once the request arrived at the door. */
  readonly arrived: Promise<string>;
  release(): void;
}

type Match = (method: string, url: string) => boolean;

interface Hold {
  readonly match: Match;
  readonly arrive: (request: string) => void;
  readonly released: Promise<void>;
  taken: boolean;
}

function newHold(match: Match): { hold: Hold; held: HeldRequest } {
  let arrive: (request: string) => void = () => undefined;
  let release: () => void = () => undefined;
  const arrived = new Promise<string>((resolve) => (arrive = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  return { hold: { match, arrive, released, taken: false }, held: { arrived, release } };
}

export interface ApiDoor {
  /** `METHOD path` of every non-GET request, in order. */
  readonly writes: string[];
  /** A kubeconfig file whose server is this door. */
  readonly kubeconfigPath: string;
  /** From now on every connection is dropped, open watches included. */
  cut(): void;
  /** Holds the next request that `match`es (method, path with query) until released. */
  hold(match: Match): HeldRequest;
  close(): Promise<void>;
}

export async function openApiDoor(target: string, kubeconfigPath: string): Promise<ApiDoor> {
  const writes: string[] = [];
  const sockets = new Set<Socket>();
  const holds: Hold[] = [];
  let open = true;
  const forward = (req: IncomingMessage, res: ServerResponse): void => {
    if (!open) {
      req.socket.destroy();
      return;
    }
    const hold = holds.find((h) => !h.taken && h.match(req.method ?? '', req.url ?? ''));
    if (hold) {
      hold.taken = true;
      hold.arrive(`${req.method} ${req.url}`);
      void hold.released.then(() => send(req, res));
      return;
    }
    send(req, res);
  };
  const send = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET') writes.push(`${req.method} ${req.url}`);
    const upstream = request(new URL(req.url ?? '/', target), {
      method: req.method,
      headers: req.headers,
    });
    upstream.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  };
  const server = createServer(forward);
  server.on('connection', (socket) => {
    if (!open) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  writeFileSync(kubeconfigPath, kubeConfigFor(`http://127.0.0.1:${port}`).exportConfig());
  return {
    writes,
    kubeconfigPath,
    cut: () => {
      open = false;
      sockets.forEach((socket) => socket.destroy());
    },
    hold: (match) => {
      const { hold, held } = newHold(match);
      holds.push(hold);
      return held;
    },
    close: async () => {
      open = false;
      sockets.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
