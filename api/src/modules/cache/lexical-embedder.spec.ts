import { cosine } from './embedder.js';
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
