import { setTimeout as sleep } from 'node:timers/promises';
import { RouterService, UsageStatus } from '@sluice/proto';
import { createUnaryClient } from '../../dist/grpc/grpc-client.js';
import type { Rpc } from './route-bench.js';
import type { BenchPrompt, RouteSpec } from './targets.js';
const routerClient = (address: string) => createUnaryClient(RouterService, address);
type Client = ReturnType<typeof routerClient>;

/**
 * Answers one prompt the way an application does: Route, "call the model", ReportUsage with the
 * answer marked cacheable; then Routes it again until the cache serves it (the store may land
 * after ReportUsage returns). Resolves false if it never does.
 */
async function answer(client: Client, spec: RouteSpec, prompt: BenchPrompt): Promise<boolean> {
  const request = {
    policy: spec.policy,
    prompt: { case: 'text' as const, value: prompt.text },
    taskLabel: prompt.taskLabel,
  };
  const options = { metadata: spec.metadata };
  const { decision } = await client.route(request, options);
  const usage = {
    decisionId: decision?.decisionId ?? '',
    inputTokens: decision?.promptTokens ?? 1,
    outputTokens: 40,
    latencyMs: 900,
    status: UsageStatus.OK,
    responseText: `A stored answer to the ${prompt.kind} prompt.`,
    cacheable: true,
  };
  await client.reportUsage({ usage }, options);
  for (let attempt = 0; attempt < 100; attempt++) {
    if ((await client.route(request, options)).decision?.cacheHit) return true;
    await sleep(20);
  }
  return false;
}

/**
 * Route served from the exact cache: the same prompt mix, answered once each beforehand and
 * then sent unchanged, so every measured call is a hit (and books the hit as usage, as in live
 * traffic). If the cache never answered, the reason instead.
 */
export async function cacheHitRpc(route: RouteSpec): Promise<Rpc | string> {
  const client = routerClient(route.address);
  try {
    const kinds = [...new Map(route.prompts.map((p) => [p.kind, p])).values()];
    for (const prompt of kinds) {
      if (!(await answer(client, route, prompt)))
        return `no cache hit for the ${prompt.kind} prompt`;
    }
  } finally {
    client.close();
  }
  return { rpc: 'Route (cache hit)', target: { ...route, repeat: true } };
}
