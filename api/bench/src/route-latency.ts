import type { BenchApi } from './bench-api.js';
import { cacheHitRpc } from './cache-setup.js';
import {
  compareLatency,
  type LatencyComparison,
  type LatencyPlan,
  type Rpc,
} from './route-bench.js';
import { echoRpc, emptyRpc, routeRpc } from './route-setup.js';
import { goalTable, latencyTable, mixTable } from './tables.js';

/** 1 in flight for latency, 32 for throughput (issue 15), 8 between them. */
export const ROUTE_PLAN: LatencyPlan = {
  concurrencies: [1, 8, 32],
  rounds: 2,
  warmupMs: 300,
  durationMs: 1000,
};

/** Route against Health/Check and against the echo of its own sizes, in alternating rounds. */
async function measure(bench: BenchApi, route: Rpc, plan: LatencyPlan) {
  const echo = await echoRpc(route);
  try {
    const runs = await compareLatency([emptyRpc(bench), echo.rpc], route, plan);
    console.log(latencyTable(runs, plan), '\n');
    return runs;
  } finally {
    await echo.server.close();
  }
}

/**
 * Route on the example policy with both caches on: first the mix is answered once through
 * ReportUsage (so the exact and semantic caches hold answers), then every prompt new (misses
 * that pay both lookups), then the answered prompts sent unchanged (exact hits).
 */
export async function benchRoute(bench: BenchApi, plan: LatencyPlan = ROUTE_PLAN) {
  const route = await routeRpc(bench);
  console.log(mixTable(route.mix), '\n');
  const hit = await cacheHitRpc(route.spec);
  const runs = await measure(bench, route.rpc, plan);
  if (typeof hit === 'string') {
    console.log(`Route (cache hit) not measured: ${hit}\n`);
    console.log(goalTable([['Route (miss)', runs]]), '\n');
    return { plan, mix: route.mix, runs, cacheHit: hit };
  }
  const cacheHit = await measure(bench, hit, plan);
  const goals: Array<[string, readonly LatencyComparison[]]> = [
    ['Route (miss, caches on)', runs],
    ['Route (cache hit)', cacheHit],
  ];
  console.log(goalTable(goals), '\n');
  return { plan, mix: route.mix, runs, cacheHit };
}
