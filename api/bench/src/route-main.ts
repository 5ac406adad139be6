// `make bench-route`: only the Route parts of `make bench` (the decision alone, then Route
// against Health/Check and the echo of its sizes), for a quick loop while working on Route.
import 'reflect-metadata';
import { startBenchApi } from './bench-api.js';
import { benchDecision, decisionTable } from './decision-bench.js';
import { machineFacts, writeResults } from './report.js';
import { benchRoute } from './route-latency.js';
import { benchRoutingView } from './route-setup.js';

async function main(): Promise<void> {
  const machine = machineFacts();
  console.log(`Route benchmarks on ${machine.cpus} x ${machine.cpuModel}, Node ${machine.node}\n`);
  const decision = benchDecision();
  console.log(decisionTable(decision), '\n');
  const bench = await startBenchApi(benchRoutingView());
  try {
    const latency = await benchRoute(bench);
    console.log(`Wrote ${writeResults({ machine, decision, latency }, 'route')}`);
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
