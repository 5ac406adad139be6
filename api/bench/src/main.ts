// `make bench`: figures and ratios against a baseline measured in the same run. It reports and
// never asserts: absolute numbers are this machine's, the ratios are what travel.
import 'reflect-metadata';
import { openDataSource } from './scratch.js';
import { startBenchApi } from './bench-api.js';
import { benchDecision, decisionTable } from './decision-bench.js';
import { benchIngest, ingestRates } from './ingest-bench.js';
import { ingestTable } from './tables.js';
import { machineFacts, writeResults } from './report.js';
import { benchRoute } from './route-latency.js';
import { benchRoutingView } from './route-setup.js';
import { benchRouterModel } from './router-model-bench.js';
import { benchSemanticCache, SEMANTIC_PLAN } from './semantic-cache-bench.js';
import { semanticTable } from './semantic-table.js';

// Enough that COPY, the baseline, takes about a second: shorter is mostly noise.
const INGEST_ROWS = 40_000;

async function main(): Promise<void> {
  const machine = machineFacts();
  console.log(`Sluice benchmarks on ${machine.cpus} x ${machine.cpuModel}, Node ${machine.node}\n`);
  const routerModel = benchRouterModel();
  const decision = benchDecision();
  console.log(decisionTable(decision), '\n');
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
      decision,
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
