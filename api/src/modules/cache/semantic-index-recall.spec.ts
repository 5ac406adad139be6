import { cosine } from './embedder.js';
import type { HnswParams } from './hnsw-params.js';
import { LexicalEmbedder } from './lexical-embedder.js';
import { SemanticIndex, type SemanticEntry } from './semantic-index.js';

// Recall at a small scale with the production parameters: among thousands of stored questions,
// a lookup finds what brute force finds. usearch builds its graph deterministically from one
// thread, so this is a property of the parameters, not of luck or of the machine's speed.

const SUBJECTS = ['password', 'invoice', 'refund', 'order', 'account', 'report', 'shipment'];
const VERBS = ['reset', 'cancel', 'change', 'export', 'track', 'share', 'delete', 'renew'];
const WHERE = ['on mobile', 'from the web app', 'for my team', 'before Friday', 'in the EU'];

/** 1,680 distinct questions, many of them close: what a lexical embedder must tell apart. */
const questions = (): string[] =>
  SUBJECTS.flatMap((subject) =>
    VERBS.flatMap((verb) =>
      WHERE.flatMap((where) =>
        [1, 2, 3, 4, 5, 6].map((n) => `How do I ${verb} the ${subject} ${where}, case ${n * 17}?`),
      ),
    ),
  );

const entry = (id: string, question: string): SemanticEntry => ({
  id,
  question,
  contextHash: '',
  response: { content: `answer ${id}` },
  createdAt: 0,
  expiresAt: Number.MAX_SAFE_INTEGER,
});

function filled(hnsw: Partial<HnswParams> = {}) {
  const embedder = new LexicalEmbedder();
  const stored = questions().map((question, i) => ({
    id: String(i),
    question,
    vector: embedder.embedOne(question),
  }));
  const index = new SemanticIndex(embedder.dimensions, stored.length, Infinity, hnsw);
  for (const { id, question, vector } of stored) index.add(entry(id, question), vector);
  return { embedder, stored, index };
}

/**
 * Share of probes whose 8 results hold the exact nearest stored question, or one as near: the
 * results are re-scored on the float32 vectors, as a quantized index's own similarities are
 * approximate.
 */
function nearestInEight(hnsw: Partial<HnswParams> = {}): number {
  const { embedder, stored, index } = filled(hnsw);
  const probes = stored.filter((_, i) => i % 7 === 0);
  const found = probes.filter(({ question }) => {
    const query = embedder.embedOne(`Please, ${question.toLowerCase()} Thanks`);
    const exact = (id: string) => cosine(query, stored[Number(id)]?.vector ?? new Float32Array());
    const best = Math.max(...stored.map(({ id }) => exact(id)));
    return index.search(query, 8, 0).some((c) => exact(c.entry.id) >= best);
  });
  return found.length / probes.length;
}

describe('SemanticIndex recall (production HNSW parameters)', () => {
  it('finds each stored question when asked it again', () => {
    const { stored, index } = filled();
    const missed = stored.filter(
      ({ id, vector }) => !index.search(vector, 8, 0).some((c) => c.entry.id === id),
    );
    expect(missed.map((m) => m.question)).toEqual([]);
  });

  it('finds the exact nearest neighbour of rewordings among its 8 results', () => {
    expect(nearestInEight()).toBeGreaterThanOrEqual(0.99);
  });
});
