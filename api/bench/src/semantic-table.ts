import { fmt, table } from './report.js';
import type { SemanticFigures, SemanticPlan } from './semantic-cache-bench.js';

const params = ({ hnsw: h }: SemanticFigures) =>
  `M=${h.connectivity} add=${h.expansionAdd} search=${h.expansionSearch} ${h.quantization}`;

/** One row per configuration and size, then the new one's ratios to the old at each size. */
export function semanticTable(figures: readonly SemanticFigures[], plan: SemanticPlan): string {
  const header = [
    'index',
    'entries',
    'lookup p50 ms',
    'p99 ms',
    'cpu p50 ms',
    'cpu p99 ms',
    `nearest in ${plan.k}`,
    `recall@${plan.k}`,
    'asked again',
    'sim error',
    'inserts/s',
    'per cpu-s',
    'rss B/entry',
    'heap B/entry',
  ];
  const rows = figures.map((f) => [
    `${f.config}: ${params(f)}`,
    String(f.size),
    fmt(f.lookupP50Ms),
    fmt(f.lookupP99Ms),
    fmt(f.lookupCpuP50Ms),
    fmt(f.lookupCpuP99Ms),
    fmt(f.recall.nearestInK),
    fmt(f.recall.kInK),
    fmt(f.foundItself),
    f.similarityError.toFixed(4),
    fmt(f.insertsPerSecond),
    fmt(f.insertsPerCpuSecond),
    fmt(f.rssBytesPerEntry),
    fmt(f.heapBytesPerEntry),
  ]);
  const title = [
    `Semantic cache index, ${plan.corpus} corpus, ${plan.queries} lookups of ${plan.k} per size.`,
    "cpu: the call's own CPU time (wall time includes waiting for a shared CPU); inserts/s while",
    'growing to that size; recall against brute force over the same float32 vectors, ties',
    'counted as hits; asked again: stored entries found by their own vector; sim error: largest',
    'error of a reported similarity >= 0.8; bytes per entry from RSS and from the JS heap.',
  ].join('\n');
  return `${title}\n${table([header, ...rows])}\n${ratioLines(figures).join('\n')}`;
}

function ratioLines(figures: readonly SemanticFigures[]): string[] {
  const [oldConfig] = figures.map((f) => f.config);
  const sizes = [...new Set(figures.map((f) => f.size))];
  return sizes.flatMap((size) => {
    const before = figures.find((f) => f.size === size && f.config === oldConfig);
    const after = figures.find((f) => f.size === size && f.config !== oldConfig);
    if (before === undefined || after === undefined) return [];
    const r = (a: number, b: number) => fmt(b > 0 ? a / b : Number.NaN);
    return [
      `new / old at ${size}: lookup p99 ${r(after.lookupP99Ms, before.lookupP99Ms)}, ` +
        `cpu p99 ${r(after.lookupCpuP99Ms, before.lookupCpuP99Ms)}, ` +
        `inserts/s ${r(after.insertsPerSecond, before.insertsPerSecond)}, ` +
        `rss/entry ${r(after.rssBytesPerEntry, before.rssBytesPerEntry)}`,
    ];
  });
}
