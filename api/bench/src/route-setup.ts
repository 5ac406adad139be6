import { toBinary } from '@bufbuild/protobuf';
import { RouterService, RouteResponseSchema } from '@sluice/proto';
import { createUnaryClient } from '../../dist/grpc/grpc-client.js';
import type { RoutingView } from '../../dist/modules/routing/routing-view.js';
import { exampleRoutingView } from '../../dist/modules/routing/testing/in-memory-routing-view.js';
import type { BenchApi } from './bench-api.js';
import { startEchoServer, type EchoServer } from './echo-server.js';
import { PROMPTS } from './prompts.js';
import type { Rpc } from './route-bench.js';
import { routeRequestOf } from './route-requests.js';
import type { BenchPrompt, RouteSpec } from './targets.js';

/** How one prompt of the mix was routed, so the reader sees what the latency was paid for. */
export interface RoutedPrompt {
  readonly kind: string;
  readonly promptTokens: number;
  readonly tier: string;
  readonly rule: string;
  readonly maxTokens: number | undefined;
}

/** examples/routing-policy.yaml `default/default` with the example models, all Ready. */
export function benchRoutingView(): RoutingView {
  return exampleRoutingView();
}

/** The baseline: Health/Check on the API's own grpc-js server, which does no work at all. */
export function emptyRpc(bench: BenchApi): Rpc {
  return { rpc: 'Health/Check', target: { kind: 'empty', address: bench.grpcAddress } };
}

/** Routes each kind of prompt once, as a check that Route answers before it is measured. */
async function routeEachKind(spec: RouteSpec): Promise<RoutedPrompt[]> {
  const client = createUnaryClient(RouterService, spec.address);
  const kinds = [...new Map(spec.prompts.map((p) => [p.kind, p])).values()];
  try {
    const route = async (prompt: BenchPrompt): Promise<RoutedPrompt> => {
      const text = { case: 'text' as const, value: prompt.text };
      const request = { policy: spec.policy, prompt: text, taskLabel: prompt.taskLabel };
      const { decision } = await client.route(request, { metadata: spec.metadata });
      return {
        kind: prompt.kind,
        promptTokens: decision?.promptTokens ?? 0,
        tier: decision?.target?.tier ?? '?',
        rule: decision?.reason?.rule || '(default route)',
        maxTokens: decision?.maxTokens,
      };
    };
    return await Promise.all(kinds.map(route));
  } finally {
    client.close();
  }
}

/** Route over the API's port, as a tenant with an API token of its own. */
export async function routeRpc(
  bench: BenchApi,
): Promise<{ rpc: Rpc; spec: RouteSpec; mix: RoutedPrompt[] }> {
  const { token } = await bench.tenant('bench-route');
  const target: RouteSpec = {
    kind: 'route',
    address: bench.grpcAddress,
    policy: { namespace: 'default', name: 'default' },
    metadata: { authorization: `Bearer ${token}` },
    prompts: PROMPTS,
  };
  return { rpc: { rpc: 'Route', target }, spec: target, mix: await routeEachKind(target) };
}

/** The bytes of Route's reply to each of the spec's prompts, as the i-th call sends it. */
async function routeReplies(spec: RouteSpec): Promise<Uint8Array[]> {
  const client = createUnaryClient(RouterService, spec.address);
  try {
    const replies: Uint8Array[] = [];
    for (let i = 0; i < spec.prompts.length; i++) {
      const { request } = routeRequestOf(spec, i);
      const reply = await client.route(request, { metadata: spec.metadata });
      replies.push(toBinary(RouteResponseSchema, reply));
    }
    return replies;
  } finally {
    client.close();
  }
}

/**
 * The bare grpc-js echo of Route's message sizes (issue 15's baseline) for this Route target:
 * the same requests, and Route's own replies to them sent back as bytes. Close it after use.
 */
export async function echoRpc(route: Rpc): Promise<{ rpc: Rpc; server: EchoServer }> {
  if (route.target.kind !== 'route') throw new Error('the echo mirrors a Route target');
  const server = await startEchoServer(await routeReplies(route.target));
  const target = { kind: 'echo' as const, address: server.address, route: route.target };
  return { rpc: { rpc: 'Echo', target }, server };
}
