import { ingestRates, type IngestFigures } from './ingest-bench.js';
import { fmt, table } from './report.js';
import type { LatencyComparison, LatencyPlan } from './route-bench.js';
import type { RoutedPrompt } from './route-setup.js';

export function latencyTable(comparisons: readonly LatencyComparison[], plan: LatencyPlan): string {
  const first = comparisons[0];
  const base = first?.baseline.rpc ?? 'baseline';
  const subject = first?.subject?.rpc ?? '(not measured)';
  const header = [
    'in-flight',
    `${base} p50 ms`,
    'p99 ms',
    'calls/s',
    `${subject} p50 ms`,
    'p99 ms',
    'calls/s',
    'errors',
    'ratio p50',
    'p99',
    'calls/s',
  ];
  const rows = comparisons.map(({ concurrency, baseline: b, subject: s, ratios: r }) => [
    String(concurrency),
    fmt(b.summary.p50Ms),
    fmt(b.summary.p99Ms),
    fmt(b.summary.perSecond),
    fmt(s?.summary.p50Ms ?? Number.NaN),
    fmt(s?.summary.p99Ms ?? Number.NaN),
    fmt(s?.summary.perSecond ?? Number.NaN),
    String((s?.summary.errors ?? 0) + b.summary.errors),
    fmt(r.p50),
    fmt(r.p99),
    fmt(r.perSecond),
  ]);
  const errors = comparisons
    .flatMap((c) => [c.baseline.firstError, c.subject?.firstError])
    .filter((e) => e !== undefined);
  const title = `${subject} versus ${base} on the same grpc-js server (closed loop, ${plan.rounds} alternating rounds of ${plan.durationMs} ms after ${plan.warmupMs} ms warm-up each; ratio = ${subject} / ${base})`;
  return [
    title,
    table([header, ...rows]),
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
