// `make bench-economics`: every EconomicsService report over a 24 h and a 30-day window of a
// throwaway ledger of 1M and one of 10M usage rows (rollups built, the open hour raw), with the
// 10M/1M ratio. It reports and never asserts. ECON_SIZES=1000000 for a shorter loop;
// ECON_KEEP_DB=1 leaves the database for EXPLAIN (its name is printed; drop it yourself).
import 'reflect-metadata';
import { runMigrations } from '../../dist/database/migrate.js';
import { createTestDatabase, openDataSource } from '../../dist/testing/throwaway-database.js';
import { buildRollups, fillUsage, seedLedger } from './economics-ledger.js';
import { caller, reports, type Report } from './economics-reports.js';
import { fmt, machineFacts, table, writeResults } from './report.js';
import { percentile, ratio } from './stats.js';

const NOW = new Date('2026-10-31T23:40:00Z');
const HOUR_MS = 3_600_000;
const WINDOWS = { '24h': 24 * HOUR_MS, '30d': 30 * 24 * HOUR_MS } as const;
const GOAL_P99_MS = { '24h': 100, '30d': 300 } as const;
const SIZES = (process.env.ECON_SIZES ?? '1000000,10000000').split(',').map(Number);
/** Samples per report: at least MIN, then until BUDGET_MS has passed, at most MAX. */
const MIN_SAMPLES = 5;
const MAX_SAMPLES = 30;
const BUDGET_MS = 3000;

type WindowName = keyof typeof WINDOWS;

interface Series {
  readonly rows: number;
  readonly window: WindowName;
  readonly report: string;
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, performance.now() - started];
}

async function sample(report: Report, window: { from: Date; to: Date }): Promise<number[]> {
  await report.run(window); // warm-up: plans cached, code optimized
  const latencies: number[] = [];
  const started = performance.now();
  while (
    latencies.length < MIN_SAMPLES ||
    (latencies.length < MAX_SAMPLES && performance.now() - started < BUDGET_MS)
  ) {
    latencies.push((await timed(() => report.run(window)))[1]);
  }
  return latencies.sort((a, b) => a - b);
}

/** Every report over each window, at the ledger's current size. */
async function measure(rows: number, all: readonly Report[]): Promise<Series[]> {
  const series: Series[] = [];
  for (const [window, span] of Object.entries(WINDOWS) as Array<[WindowName, number]>) {
    const w = { from: new Date(NOW.getTime() - span), to: NOW };
    for (const report of all) {
      const latencies = await sample(report, w);
      const s = {
        rows,
        window,
        report: report.name,
        samples: latencies.length,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
      };
      series.push(s);
      console.log(`  ${window} ${s.report}: p50 ${fmt(s.p50Ms)} ms, p99 ${fmt(s.p99Ms)} ms`);
    }
  }
  return series;
}

function seriesTable(all: readonly Series[]): string {
  const at = (rows: number, s: Series) =>
    all.find((o) => o.rows === rows && o.window === s.window && o.report === s.report);
  const [small, large] = [SIZES[0] ?? 0, SIZES.at(-1) ?? 0];
  const body = all
    .filter((s) => s.rows === large)
    .map((s) => {
      const base = at(small, s);
      return [
        `${s.window} ${s.report}`,
        fmt(base?.p50Ms ?? Number.NaN),
        fmt(base?.p99Ms ?? Number.NaN),
        fmt(s.p50Ms),
        fmt(s.p99Ms),
        String(s.samples),
        fmt(ratio(s.p99Ms, base?.p99Ms ?? 0)),
        s.p99Ms < GOAL_P99_MS[s.window] ? 'met' : `> ${GOAL_P99_MS[s.window]} ms`,
      ];
    });
  const header = [
    'window report',
    `${small} p50 ms`,
    'p99',
    `${large} p50 ms`,
    'p99',
    'n',
    'p99 ratio',
    'goal p99',
  ];
  return table([header, ...body]);
}

interface Fill {
  readonly rows: number;
  readonly fillMs: number;
  readonly rollupMs: number;
  readonly analyzeMs: number;
  readonly hourlyCells: number;
}

/**
 * A database of its own per size, filled in one time-ordered pass as a ledger is appended
 * (topping 1M up to 10M would leave two interleaved time orders that no real ledger has).
 */
async function atSize(rows: number): Promise<{ fill: Fill; series: Series[] }> {
  const db = await createTestDatabase('sluice_bench_econ');
  console.log(`throwaway database ${db.name}`);
  await runMigrations(db.url);
  const dataSource = await openDataSource(db.url);
  try {
    const ledger = await seedLedger(dataSource, NOW);
    const [, fillMs] = await timed(() => fillUsage(dataSource, ledger, 1, rows));
    const [, rollupMs] = await timed(() => buildRollups(dataSource));
    const [, analyzeMs] = await timed(() => dataSource.query('VACUUM ANALYZE'));
    const [cells] = await dataSource.query<Array<{ n: string }>>(
      'SELECT count(*)::text AS n FROM usage_hourly',
    );
    const fill = { rows, fillMs, rollupMs, analyzeMs, hourlyCells: Number(cells?.n) };
    console.log(
      `${rows} rows: fill ${fmt(fillMs / 1000)} s, rollup ${fmt(rollupMs / 1000)} s, vacuum analyze ${fmt(analyzeMs / 1000)} s, ${fill.hourlyCells} hourly cells`,
    );
    const admin = caller(ledger.tenantA, true);
    const member = caller(ledger.tenantA, false);
    return { fill, series: await measure(rows, reports(dataSource, NOW, admin, member)) };
  } finally {
    await dataSource.destroy();
    if (process.env.ECON_KEEP_DB === '1') console.log(`kept ${db.url}`);
    else await db.drop();
  }
}

async function main(): Promise<void> {
  const machine = machineFacts();
  console.log(`Economics at scale on ${machine.cpus} x ${machine.cpuModel}, Node ${machine.node}`);
  const fills: Fill[] = [];
  const all: Series[] = [];
  for (const rows of SIZES) {
    const { fill, series } = await atSize(rows);
    fills.push(fill);
    all.push(...series);
  }
  console.log(
    `\nEconomics reports, p99 = nearest rank of n samples after one warm-up (goal: 24h < 100 ms, 30d < 300 ms, 10M/1M < 2)`,
  );
  console.log(seriesTable(all));
  const file = writeResults({ machine, economics: { now: NOW, fills, series: all } }, 'economics');
  console.log(`Wrote ${file}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
