import { SemanticIndex, type SemanticEntry } from './semantic-index.js';

const entry = (id: string, expiresAt = Number.MAX_SAFE_INTEGER): SemanticEntry => ({
  id,
  question: id,
  contextHash: 'c',
  response: { content: `answer ${id}` },
  createdAt: 0,
  expiresAt,
});
const vec = (...values: number[]): Float32Array => Float32Array.from(values);

describe('SemanticIndex', () => {
  it('finds the nearest entries, most similar first, with cosine similarity', () => {
    const index = new SemanticIndex(3, 10);
    index.add(entry('x'), vec(1, 0, 0));
    index.add(entry('y'), vec(0, 1, 0));
    index.add(entry('xy'), vec(1, 1, 0));

    const found = index.search(vec(1, 0.1, 0), 2, 0);
    expect(found.map((c) => c.entry.id)).toEqual(['x', 'xy']);
    expect(found[0]?.similarity).toBeCloseTo(0.995, 3);
  });

  it('answers nothing when empty', () => {
    expect(new SemanticIndex(3, 10).search(vec(1, 0, 0), 3, 0)).toEqual([]);
  });

  it('replaces an entry stored again under the same id', () => {
    const index = new SemanticIndex(2, 10);
    index.add(entry('a'), vec(1, 0));
    index.add({ ...entry('a'), response: { content: 'new' } }, vec(0, 1));
    expect(index.size).toBe(1);
    expect(index.search(vec(0, 1), 5, 0).map((c) => c.entry.response.content)).toEqual(['new']);
  });

  it('evicts the oldest entry past its bound', () => {
    const index = new SemanticIndex(2, 2);
    index.add(entry('first'), vec(1, 0));
    index.add(entry('second'), vec(1, 0.1));
    index.add(entry('first'), vec(1, 0.2)); // re-added: now the newest
    index.add(entry('third'), vec(1, 0.3));
    expect(index.size).toBe(2);
    expect([index.has('first'), index.has('second'), index.has('third')]).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('drops expired entries when it meets them', () => {
    const index = new SemanticIndex(2, 10);
    index.add(entry('old', 1000), vec(1, 0));
    expect(index.search(vec(1, 0), 1, 999)).toHaveLength(1);
    expect(index.search(vec(1, 0), 1, 1000)).toEqual([]);
    expect(index.has('old')).toBe(false);
  });

  it('refuses a vector of another size', () => {
    expect(() => new SemanticIndex(3, 10).add(entry('a'), vec(1, 0))).toThrow(
      /2 dimensions, the index 3/,
    );
  });

  it.each([
    // 2 dimensions (8 bytes) + question + answer: 'a' weighs 8 + 1 + 8 = 17.
    { case: 'keeps what fits', maxBytes: Infinity, kept: ['a', 'b', 'c'], bytes: 51 },
    { case: 'drops the oldest past the byte bound', maxBytes: 40, kept: ['b', 'c'], bytes: 34 },
    {
      case: 'keeps only the newest when one is all it holds',
      maxBytes: 20,
      kept: ['c'],
      bytes: 17,
    },
  ])('$case', ({ maxBytes, kept, bytes }) => {
    const index = new SemanticIndex(2, 10, maxBytes);
    const added = ['a', 'b', 'c'];
    added.forEach((id, i) => index.add(entry(id), vec(1, i)));
    expect(added.filter((id) => index.has(id))).toEqual(kept);
    expect(index.bytes).toBe(bytes);
  });
});
