import { RouterService } from '@sluice/proto';
import { createUnaryClient } from '../../dist/grpc/grpc-client.js';
import type { RoutingView } from '../../dist/modules/routing/routing-view.js';
import { exampleRoutingView } from '../../dist/modules/routing/testing/in-memory-routing-view.js';
import type { BenchApi } from './bench-api.js';
import { PROMPTS } from './prompts.js';
import type { Rpc } from './route-bench.js';
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
