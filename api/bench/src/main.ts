// `make bench`: figures and ratios against a baseline measured in the same run. It reports and
// never asserts: absolute numbers are this machine's, the ratios are what travel.
import 'reflect-metadata';
import { openDataSource } from './scratch.js';
import { startBenchApi, type BenchApi } from './bench-api.js';
import { cacheHitRpc } from './cache-setup.js';
import { benchIngest, ingestRates } from './ingest-bench.js';
import { ingestTable, latencyTable, mixTable } from './tables.js';
import { compareLatency, type LatencyPlan } from './route-bench.js';
import { machineFacts, writeResults } from './report.js';
import { benchRoutingView, emptyRpc, routeRpc } from './route-setup.js';
import { benchRouterModel } from './router-model-bench.js';
import { benchSemanticCache, SEMANTIC_PLAN } from './semantic-cache-bench.js';
import { semanticTable } from './semantic-table.js';

const PLAN: LatencyPlan = {
  concurrencies: [1, 8, 32, 64],
  rounds: 2,
  warmupMs: 300,
  durationMs: 1000,
};
// Enough that COPY, the baseline, takes about a second: shorter is mostly noise.
const INGEST_ROWS = 40_000;

/** Route with every prompt new (cache misses), then with answers stored (cache hits). */
async function benchRoute(bench: BenchApi) {
  const route = await routeRpc(bench);
  console.log(mixTable(route.mix), '\n');
  const runs = await compareLatency(emptyRpc(bench), route.rpc, PLAN);
  console.log(latencyTable(runs, PLAN), '\n');
  const hit = await cacheHitRpc(route.spec);
  if (typeof hit === 'string') {
    console.log(`Route (cache hit) not measured: ${hit}\n`);
    return { plan: PLAN, mix: route.mix, runs, cacheHit: hit };
  }
  const cacheHit = await compareLatency(emptyRpc(bench), hit, PLAN);
  console.log(latencyTable(cacheHit, PLAN), '\n');
  return { plan: PLAN, mix: route.mix, runs, cacheHit };
}

async function main(): Promise<void> {
  const machine = machineFacts();
  console.log(`Sluice benchmarks on ${machine.cpus} x ${machine.cpuModel}, Node ${machine.node}\n`);
  const routerModel = benchRouterModel();
  const semantic = await benchSemanticCache(SEMANTIC_PLAN);
  console.log(semanticTable(semantic, SEMANTIC_PLAN), '\n');
  const semanticCache = { plan: SEMANTIC_PLAN, figures: semantic };
  const bench = await startBenchApi(benchRoutingView());
  try {
    const latency = await benchRoute(bench);
    const dataSource = await openDataSource(bench.db.url);
    const ingest = await benchIngest(bench, dataSource, INGEST_ROWS).finally(() =>
      dataSource.destroy(),
    );
    console.log(ingestTable(ingest), '\n');
    const file = writeResults({
      machine,
      routerModel,
      semanticCache,
      latency,
      ingest: { ...ingest, ...ingestRates(ingest) },
    });
    console.log(`Wrote ${file}`);
  } finally {
    await bench.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
