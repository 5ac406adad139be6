import { credentials, makeClientConstructor, type ServiceError } from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { RouterService } from '@sluice/proto';
import { createUnaryClient } from '../../dist/grpc/grpc-client.js';
import { echoTarget } from './echo-target.js';
import { routeRequestOf } from './route-requests.js';

/** One prompt of the mixed set Route is measured with. */
export interface BenchPrompt {
  readonly kind: string;
  readonly taskLabel: string;
  readonly text: string;
}

/** What a load worker calls; plain data, since it crosses into a worker thread. */
export type TargetSpec =
  | { readonly kind: 'empty'; readonly address: string }
  | {
      readonly kind: 'route';
      readonly address: string;
      readonly policy: { readonly namespace: string; readonly name: string };
      readonly metadata: Record<string, string>;
      readonly prompts: readonly BenchPrompt[];
      /** Send the prompts as they are, every time (cache hits once answers are stored). */
      readonly repeat?: boolean;
    }
  | {
      readonly kind: 'echo';
      readonly address: string;
      /** The Route target whose requests are sent, encoded as Route's client encodes them. */
      readonly route: RouteSpec;
    };

export interface Target {
  /** The i-th call of a run; rejects on any non-OK status. */
  call(i: number): Promise<unknown>;
  close(): void;
}

type HealthClient = {
  check(
    request: { service: string },
    callback: (error: ServiceError | null, reply?: unknown) => void,
  ): void;
  close(): void;
};

/** grpc.health.v1 Health/Check of the server itself: an RPC that does no work at all. */
function emptyTarget(address: string): Target {
  const Client = makeClientConstructor(healthService, 'grpc.health.v1.Health');
  const client = new Client(address, credentials.createInsecure()) as unknown as HealthClient;
  return {
    call: () =>
      new Promise((resolve, reject) =>
        client.check({ service: '' }, (error, reply) => (error ? reject(error) : resolve(reply))),
      ),
    close: () => client.close(),
  };
}

export type RouteSpec = Extract<TargetSpec, { kind: 'route' }>;

function routeTarget(spec: RouteSpec): Target {
  const client = createUnaryClient(RouterService, spec.address);
  const { metadata } = spec;
  return {
    call: async (i) => {
      const { request } = routeRequestOf(spec, i);
      const reply = await client.route(request, { metadata, timeoutMs: 10_000 });
      // A miss where hits are measured, or the reverse, would time the wrong path: an error.
      const hit = reply.decision?.cacheHit !== undefined;
      if (spec.repeat === true && !hit) throw new Error('cache miss');
      if (spec.repeat !== true && hit) throw new Error('cache hit');
      return reply;
    },
    close: () => client.close(),
  };
}

export function openTarget(spec: TargetSpec): Target {
  if (spec.kind === 'empty') return emptyTarget(spec.address);
  return spec.kind === 'echo' ? echoTarget(spec.address, spec.route) : routeTarget(spec);
}
