import { ingestRates, type IngestFigures } from './ingest-bench.js';
import { fmt, table } from './report.js';
import type { LatencyComparison, LatencyPlan, LatencyRun, Ratios } from './route-bench.js';
import type { RoutedPrompt } from './route-setup.js';

const ratioCells = (r: Ratios | undefined): string[] =>
  r === undefined ? ['', '', '', ''] : [fmt(r.p50), fmt(r.p99), fmt(r.perSecond), fmt(r.cpu)];

function latencyRows(c: LatencyComparison): string[][] {
  const row = (run: LatencyRun, ratios: readonly (Ratios | undefined)[]) => [
    String(c.concurrency),
    run.rpc,
    fmt(run.summary.p50Ms),
    fmt(run.summary.p99Ms),
    fmt(run.summary.perSecond),
    fmt(run.summary.cpuUs),
    String(run.summary.errors),
    ...ratios.flatMap(ratioCells),
  ];
  const none = c.baselines.map(() => undefined);
  const rows = c.baselines.map((b) => row(b, none));
  if (c.subject !== undefined) rows.push(row(c.subject, c.ratios));
  return rows;
}

/** One row per RPC and concurrency; the subject's rows carry its ratio to each baseline. */
export function latencyTable(comparisons: readonly LatencyComparison[], plan: LatencyPlan): string {
  const first = comparisons[0];
  const names = first?.baselines.map((b) => b.rpc) ?? [];
  const subject = first?.subject?.rpc ?? '(not measured)';
  const header = ['in-flight', 'rpc', 'p50 ms', 'p99 ms', 'calls/s', 'CPU us', 'errors'];
  for (const name of names) header.push(`/${name} p50`, 'p99', 'calls/s', 'CPU');
  const errors = comparisons
    .flatMap((c) => [...c.baselines.map((b) => b.firstError), c.subject?.firstError])
    .filter((e) => e !== undefined);
  const title = `${subject} versus ${names.join(' and ')} (closed loop, ${plan.rounds} alternating rounds of ${plan.durationMs} ms after ${plan.warmupMs} ms warm-up each; ratio = ${subject} / baseline; CPU = the servers' thread per call)`;
  return [
    title,
    table([header, ...comparisons.flatMap(latencyRows)]),
    ...errors.slice(0, 1).map((e) => `first error: ${e}`),
  ].join('\n');
}

export function ingestTable(f: IngestFigures): string {
  const perSecond = (ms: number) => f.rows / (ms / 1000);
  const line = (path: string, ms: number) => [path, String(f.rows), fmt(ms), fmt(perSecond(ms))];
  const rows = [
    ['path', 'rows', 'ms', 'rows/s'],
    line('usage ingest: ReportUsageStream -> committed in usage_records', f.pipelineMs),
    line('  of which until acknowledged (the reply to the stream)', f.acknowledgedMs),
    line('  replay of the same stream (all duplicates)', f.replayMs),
    line('baseline: COPY FROM STDIN of the same rows', f.baseline.copyMs),
    line('one INSERT ... unnest of the same rows', f.baseline.insertMs),
    line('UsageWriter alone, batches of 1000 (the ledger part of ingest)', f.writerMs),
  ];
  return [
    'Usage ingest end to end versus COPY of the same rows into a table of the same shape',
    table(rows),
    `ratio ingest/COPY rows/s: ${fmt(ingestRates(f).ratioToCopy)}`,
    `replay: accepted=${f.replay.accepted} duplicate=${f.replay.duplicate}; rows after it: ${f.rowsAfterReplay} (of ${f.rows})`,
  ].join('\n');
}

export function mixTable(mix: readonly RoutedPrompt[]): string {
  const rows = mix.map((m) => [
    m.kind,
    String(m.promptTokens),
    m.tier,
    m.rule,
    String(m.maxTokens ?? '-'),
  ]);
  const title =
    'Route prompt mix (examples/routing-policy.yaml, example models all Ready), one call each:';
  return [title, table([['prompt', 'tokens', 'tier', 'rule', 'max_tokens'], ...rows])].join('\n');
}

const ECHO = 1;

/** Issue 15 goal 1: Route / echo, p50 and p99 at 1 in flight, calls/s at 32. */
export function goalTable(runs: ReadonlyArray<readonly [string, readonly LatencyComparison[]]>) {
  const at = (comparisons: readonly LatencyComparison[], n: number) =>
    comparisons.find((c) => c.concurrency === n)?.ratios[ECHO];
  const rows = runs.map(([name, comparisons]) => [
    name,
    fmt(at(comparisons, 1)?.p50 ?? Number.NaN),
    fmt(at(comparisons, 1)?.p99 ?? Number.NaN),
    fmt(at(comparisons, 32)?.perSecond ?? Number.NaN),
    fmt(at(comparisons, 32)?.cpu ?? Number.NaN),
  ]);
  const header = [
    'Route / Echo',
    'p50 at 1 (goal <= 1.5)',
    'p99 at 1 (<= 2)',
    'calls/s at 32 (>= 0.6)',
    'server CPU/call at 32',
  ];
  return [
    'Issue 15 goal 1, as ratios to the echo measured in the same rounds',
    table([header, ...rows]),
  ].join('\n');
}
