import { credentials, makeClientConstructor, type ServiceError } from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { RouterService } from '@sluice/proto';
import { createUnaryClient } from '../../dist/grpc/grpc-client.js';

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

function routeTarget(spec: Extract<TargetSpec, { kind: 'route' }>): Target {
  const client = createUnaryClient(RouterService, spec.address);
  const { metadata, policy, prompts } = spec;
  return {
    call: (i) => {
      const prompt = prompts[i % prompts.length];
      if (prompt === undefined) throw new Error('no prompts to route');
      return client.route(
        {
          policy,
          // The call's number makes every prompt a new text, as live traffic is.
          prompt: { case: 'text', value: `${prompt.text}\n(request ${i})` },
          taskLabel: prompt.taskLabel,
        },
        { metadata, timeoutMs: 10_000 },
      );
    },
    close: () => client.close(),
  };
}

export function openTarget(spec: TargetSpec): Target {
  return spec.kind === 'empty' ? emptyTarget(spec.address) : routeTarget(spec);
}
