// The ingest part of `make bench` alone (node api/bench/dist/ingest-main.js [rows]), to profile
// it (node --cpu-prof) or repeat it; prints the same table and writes nothing.
import 'reflect-metadata';
import { startBenchApi } from './bench-api.js';
import { benchIngest } from './ingest-bench.js';
import { benchRoutingView } from './route-setup.js';
import { openDataSource } from './scratch.js';
import { ingestTable } from './tables.js';

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 10_000);
  const bench = await startBenchApi(benchRoutingView());
  try {
    const dataSource = await openDataSource(bench.db.url);
    const figures = await benchIngest(bench, dataSource, rows).finally(() => dataSource.destroy());
    console.log(ingestTable(figures));
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
