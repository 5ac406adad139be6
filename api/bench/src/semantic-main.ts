// `make bench-semantic`: only the semantic cache part of `make bench`, without the API, the
// database or Redis. SEMANTIC_CORPUS=numbered measures the Route bench's numbered prompts
// instead of reworded questions (semantic-corpus.ts says why that corpus is degenerate).
import { benchSemanticCache, SEMANTIC_PLAN } from './semantic-cache-bench.js';
import type { CorpusName } from './semantic-corpus.js';
import { semanticTable } from './semantic-table.js';

function corpusName(name: string = SEMANTIC_PLAN.corpus): CorpusName {
  if (name === 'reworded' || name === 'numbered') return name;
  throw new Error(`SEMANTIC_CORPUS must be reworded or numbered, got ${name}`);
}

const plan = { ...SEMANTIC_PLAN, corpus: corpusName(process.env.SEMANTIC_CORPUS) };
benchSemanticCache(plan).then(
  (figures) => {
    console.log(semanticTable(figures, plan));
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
