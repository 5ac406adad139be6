import { cosine, l2Normalize } from './embedder.js';
import { LexicalEmbedder, tokenize } from './lexical-embedder.js';

describe('LexicalEmbedder', () => {
  const embedder = new LexicalEmbedder();
  const similarity = (a: string, b: string): number =>
    cosine(embedder.embedOne(a), embedder.embedOne(b));

  it('says what it is', () => {
    expect([embedder.kind, embedder.id, embedder.dimensions]).toEqual([
      'lexical',
      'lexical-v1-512',
      512,
    ]);
  });

  it('is deterministic and unit length', async () => {
    const [a, b] = await embedder.embed(['Reset my password', 'Reset my password']);
    expect(a).toEqual(b);
    expect(Math.hypot(...(a ?? []))).toBeCloseTo(1, 5);
  });

  it('gives the empty text no direction', () => {
    expect(embedder.embedOne('  ?! ').every((value) => value === 0)).toBe(true);
  });

  it.each([
    ['What is the capital of France?', 'what is the capital of france'],
    ['How do I reset my password?', 'How can I reset my password'],
    ['Summarize this ticket for me please', 'Please summarize this ticket for me'],
  ])('puts rewordings close: %j ~ %j', (a, b) => {
    expect(similarity(a, b)).toBeGreaterThan(0.85);
  });

  it.each([
    ['What is the capital of France?', 'Write a poem about autumn leaves'],
    ['How do I reset my password?', 'List the invoices overdue this month'],
  ])('puts unrelated texts far apart: %j / %j', (a, b) => {
    expect(similarity(a, b)).toBeLessThan(0.3);
  });

  it('ranks a closer rewording above a looser one', () => {
    const query = 'How do I reset my password?';
    expect(similarity(query, 'How can I reset my password?')).toBeGreaterThan(
      similarity(query, 'I forgot my login credentials'),
    );
  });
});

describe('tokenize', () => {
  it.each([
    ['Hello, World!', ['hello', 'world']],
    ['café ﬁle 42', ['café', 'file', '42']],
    ['', []],
  ])('splits %j', (text, tokens) => {
    expect(tokenize(text)).toEqual(tokens);
  });
});

/** The embedder as it was before it hashed features without building their strings. */
function embedAsBefore(text: string, dimensions = 512): Float32Array {
  const fnv1a = (feature: string): number => {
    let hash = 0x811c9dc5;
    for (let i = 0; i < feature.length; i++) {
      hash ^= feature.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    return hash >>> 0;
  };
  const common = new Set(
    'a an the is are was were be of to in on at for and or it this that what how do does can i you me my please'.split(
      ' ',
    ),
  );
  const vector = new Float32Array(dimensions);
  const add = (feature: string, weight: number): void => {
    const hash = fnv1a(feature);
    const index = hash % dimensions;
    vector[index] = (vector[index] ?? 0) + (hash & 0x80000000 ? -weight : weight);
  };
  const words = tokenize(text);
  words.forEach((word, i) => {
    add(`w:${word}`, common.has(word) ? 0.25 : 1);
    const next = words[i + 1];
    if (next !== undefined) add(`b:${word} ${next}`, 0.5);
    const padded = `^${word}$`;
    for (let c = 0; c + 3 <= padded.length; c++) add(`c:${padded.slice(c, c + 3)}`, 0.2);
  });
  return l2Normalize(vector);
}

describe('LexicalEmbedder vectors', () => {
  // Stored vectors (Redis, every replica's index) must not move: the same bits as before.
  it.each([
    ['a question', 'How do I reset my password?'],
    ['one letter words and digits', 'a b c 1 22 333 x'],
    ['accents, CJK and emoji', 'Où est la café? 東京タワー 🚀🚀 naïve résumé ﬁ'],
    ['the Route bench long prompt', 'Analyze step by step why satisfaction fell. '.repeat(200)],
    ['code', 'export function dedupe(items: Array<{ id: string }>) { return out; }'],
    ['nothing', ''],
  ])('are what they were for %s', (_, text) => {
    for (const dimensions of [512, 384, 7]) {
      expect(new LexicalEmbedder(dimensions).embedOne(text)).toEqual(
        embedAsBefore(text, dimensions),
      );
    }
  });
});
