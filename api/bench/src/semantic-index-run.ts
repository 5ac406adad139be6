// One semantic index configuration, measured in a process of its own (forked by
// semantic-cache-bench.ts) so that its memory is its own: the index grows to each size of the
// plan; at each, inserts/s while it grew, lookup latencies, memory, and what each lookup found.
import { readFileSync } from 'node:fs';
import { SemanticIndex } from '../../dist/modules/cache/semantic-index.js';
import type { HnswParams } from '../../dist/modules/cache/hnsw-params.js';
import { corpus, type CorpusName } from './semantic-corpus.js';

export interface RunPlan {
  readonly hnsw: HnswParams;
  readonly dimensions: number;
  readonly sizes: readonly number[];
  readonly queries: number;
  readonly k: number;
  /** Stored vectors (largest size) then, per size, its queries: float32, little-endian. */
  readonly vectorsFile: string;
  /** Regenerated here (it is deterministic) rather than sent: the entries keep their text. */
  readonly corpus: CorpusName;
}

/** Untimed lookups before the timed ones: the first calls fault pages in. */
const WARM_UP = 50;

export interface SizeRun {
  readonly size: number;
  readonly insertsPerSecond: number;
  /** Inserts per second of this process's CPU time: what an idle machine would do. */
  readonly insertsPerCpuSecond: number;
  readonly lookupMs: readonly number[];
  readonly lookupCpuMs: readonly number[];
  /** Per query, the corpus positions of what the lookup returned, nearest first. */
  readonly found: readonly (readonly number[])[];
  /** The similarities the index reported for them (approximate when it quantizes). */
  readonly similarities: readonly (readonly number[])[];
  /** Share of stored entries (a sample across the index) found when asked their own vector. */
  readonly foundItself: number;
  readonly rssBytesPerEntry: number;
  readonly heapBytesPerEntry: number;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
const memory = () => {
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
};

function run(plan: RunPlan): SizeRun[] {
  const { dimensions: d, sizes, queries: q } = plan;
  const largest = sizes.at(-1) ?? 0;
  const bytes = readFileSync(plan.vectorsFile);
  const all = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const index = new SemanticIndex(d, largest, Number.POSITIVE_INFINITY, plan.hnsw);
  const questions = corpus(plan.corpus, largest, 0).stored;
  const response = { content: 'A stored answer.' };
  const before = memory();
  let added = 0;
  return sizes.map((size, s) => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    for (; added < size; added++) {
      const question = questions[added] ?? '';
      const entry = { id: String(added), question, contextHash: '', response, createdAt: 0 };
      index.add({ ...entry, expiresAt: Infinity }, all.subarray(added * d, (added + 1) * d));
    }
    const grown = size - (sizes[s - 1] ?? 0);
    const insertsPerSecond = grown / ((performance.now() - started) / 1000);
    const insertsPerCpuSecond = grown / (cpuMs(cpu) / 1000);
    const after = memory();
    const queryAt = (largest + s * q) * d;
    const lookupMs: number[] = [];
    const lookupCpuMs: number[] = [];
    const found: number[][] = [];
    const similarities: number[][] = [];
    const query = (i: number) => all.subarray(queryAt + i * d, queryAt + (i + 1) * d);
    for (let i = 0; i < Math.min(q, WARM_UP); i++) index.search(query(i), plan.k, 0);
    for (let i = 0; i < q; i++) {
      const vector = query(i);
      const t = performance.now();
      const c = process.cpuUsage();
      const hits = index.search(vector, plan.k, 0);
      lookupCpuMs.push(cpuMs(c));
      lookupMs.push(performance.now() - t);
      found.push(hits.map((hit) => Number(hit.entry.id)));
      similarities.push(hits.map((hit) => hit.similarity));
    }
    const own = (i: number) => all.subarray(i * d, (i + 1) * d);
    const sample = Array.from({ length: q }, (_, i) => Math.floor((i * size) / q));
    // A copy of the same vector (the same reworded text stored twice) counts as found.
    const same = (i: number, j: number) => own(i).every((value, x) => value === own(j)[x]);
    const foundItself =
      sample.filter((i) => index.search(own(i), plan.k, 0).some((c) => same(i, Number(c.entry.id))))
        .length / sample.length;
    const perEntry = (bytes: number) => bytes / size;
    return {
      size,
      insertsPerSecond,
      insertsPerCpuSecond,
      lookupMs,
      lookupCpuMs,
      found,
      similarities,
      foundItself,
      rssBytesPerEntry: perEntry(after.rss - before.rss),
      heapBytesPerEntry: perEntry(after.heapUsed - before.heapUsed),
    };
  });
}

process.once('message', (plan: RunPlan) => {
  process.send?.(run(plan), () => process.exit(0));
});
