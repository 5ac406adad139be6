// The semantic cache's index at 10k and 100k entries, old HNSW parameters against the tuned
// ones in the same run: lookup latency, recall against brute force, inserts/s, memory.
import { fork } from 'node:child_process';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LexicalEmbedder } from '../../dist/modules/cache/lexical-embedder.js';
import {
  SEMANTIC_HNSW,
  USEARCH_DEFAULT_HNSW,
  type HnswParams,
} from '../../dist/modules/cache/hnsw-params.js';
import { corpus, type CorpusName } from './semantic-corpus.js';
import type { RunPlan, SizeRun } from './semantic-index-run.js';
import {
  exactNeighbours,
  recallOf,
  similarityError,
  Space,
  type Recall,
  type Reference,
} from './semantic-recall.js';
import { percentile } from './stats.js';

export interface SemanticPlan {
  readonly corpus: CorpusName;
  readonly sizes: readonly number[];
  readonly queries: number;
  /** Neighbours a lookup asks for: the cache's topK. */
  readonly k: number;
}

export const SEMANTIC_PLAN: SemanticPlan = {
  corpus: 'reworded',
  sizes: [10_000, 100_000],
  queries: 500,
  k: 8,
};

export interface SemanticFigures {
  readonly config: string;
  readonly hnsw: HnswParams;
  readonly size: number;
  readonly lookupP50Ms: number;
  readonly lookupP99Ms: number;
  /** Percentiles of each lookup's CPU time: what it costs without other processes in the way. */
  readonly lookupCpuP50Ms: number;
  readonly lookupCpuP99Ms: number;
  readonly recall: Recall;
  /** Share of stored entries found when asked again (an unreachable node never is). */
  readonly foundItself: number;
  /** Largest error of a reported similarity of 0.8 or more (semantic-recall.ts). */
  readonly similarityError: number;
  readonly insertsPerSecond: number;
  readonly insertsPerCpuSecond: number;
  readonly rssBytesPerEntry: number;
  readonly heapBytesPerEntry: number;
}

export const SEMANTIC_CONFIGS: ReadonlyArray<readonly [string, HnswParams]> = [
  ['old (usearch defaults)', USEARCH_DEFAULT_HNSW],
  ['new (SEMANTIC_HNSW)', SEMANTIC_HNSW],
];

function measure(plan: RunPlan): Promise<SizeRun[]> {
  const child = fork(new URL('./semantic-index-run.js', import.meta.url), {
    execArgv: ['--expose-gc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (runs) => resolve(runs as SizeRun[]));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`index run exited with ${code}`)));
    child.send(plan);
  });
}

const sortedPercentile = (values: readonly number[], p: number) =>
  percentile(
    [...values].sort((a, b) => a - b),
    p,
  );

/** The corpus's vectors: the stored ones, and per size of the plan, the queries asked. */
function embedCorpus(plan: SemanticPlan) {
  const largest = plan.sizes.at(-1) ?? 0;
  const texts = corpus(plan.corpus, largest, plan.queries);
  const embedder = new LexicalEmbedder();
  const d = embedder.dimensions;
  const stored = new Float32Array(largest * d);
  texts.stored.forEach((text, i) => stored.set(embedder.embedOne(text), i * d));
  const asked = plan.sizes.map((size) => {
    const vectors = new Float32Array(plan.queries * d);
    texts.askedAt(size).forEach((text, i) => vectors.set(embedder.embedOne(text), i * d));
    return vectors;
  });
  return { d, stored, asked };
}

function writeVectors(vectors: readonly Float32Array[]): string {
  const path = join(tmpdir(), `sluice-semantic-bench-${process.pid}.f32`);
  const file = openSync(path, 'w');
  for (const v of vectors) writeSync(file, v);
  closeSync(file);
  return path;
}

function figuresOf(run: SizeRun, space: Space, reference: readonly Reference[], k: number) {
  return {
    size: run.size,
    lookupP50Ms: sortedPercentile(run.lookupMs, 50),
    lookupP99Ms: sortedPercentile(run.lookupMs, 99),
    lookupCpuP50Ms: sortedPercentile(run.lookupCpuMs, 50),
    lookupCpuP99Ms: sortedPercentile(run.lookupCpuMs, 99),
    recall: recallOf(space, run.found, reference, k),
    foundItself: run.foundItself,
    similarityError: similarityError(space, run.found, run.similarities),
    insertsPerSecond: run.insertsPerSecond,
    insertsPerCpuSecond: run.insertsPerCpuSecond,
    rssBytesPerEntry: run.rssBytesPerEntry,
    heapBytesPerEntry: run.heapBytesPerEntry,
  };
}

/** Embeds the corpus once, writes the vectors for the runs, measures each configuration. */
export async function benchSemanticCache(
  plan = SEMANTIC_PLAN,
  configs = SEMANTIC_CONFIGS,
): Promise<SemanticFigures[]> {
  const { d, stored, asked } = embedCorpus(plan);
  const spaces = plan.sizes.map(
    (size, s) => new Space(stored.subarray(0, size * d), asked[s] ?? new Float32Array(), d),
  );
  const references = spaces.map((space) => exactNeighbours(space, plan.k));
  const vectorsFile = writeVectors([stored, ...asked]);
  const figures: SemanticFigures[] = [];
  try {
    for (const [config, hnsw] of configs) {
      const runs = await measure({ ...plan, hnsw, dimensions: d, vectorsFile });
      runs.forEach((run, s) => {
        const space = spaces[s] ?? new Space(stored, new Float32Array(), d);
        figures.push({ config, hnsw, ...figuresOf(run, space, references[s] ?? [], plan.k) });
      });
    }
  } finally {
    rmSync(vectorsFile, { force: true });
  }
  return figures;
}
