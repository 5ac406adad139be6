import { extractFacets } from './facets.js';
import type { SemanticEntry } from './semantic-index.js';
import { StoredFacets } from './stored-facets.js';

const entry = (id: string, question: string): SemanticEntry => ({
  id,
  question,
  contextHash: 'c',
  response: { content: 'answer' },
  createdAt: 0,
  expiresAt: 1,
});

describe('StoredFacets', () => {
  it('gives what extractFacets gives, and the same object when asked again', () => {
    const memo = new StoredFacets();
    const stored = entry('a', 'Disable 2FA for "alice@example.com" by 2024-05-01, not 15% of 80');
    const facets = memo.of(stored);
    expect(facets).toEqual(extractFacets(stored.question));
    expect(memo.of(stored)).toBe(facets);
  });

  it('keys by the entry object: an entry stored again under the same id is read anew', () => {
    const memo = new StoredFacets();
    expect(memo.of(entry('a', 'Enable 2FA')).polarity).toEqual(
      extractFacets('Enable 2FA').polarity,
    );
    expect(memo.of(entry('a', 'Disable 2FA')).polarity).toEqual(
      extractFacets('Disable 2FA').polarity,
    );
  });

  it('keeps at most its capacity, dropping the oldest', () => {
    const memo = new StoredFacets(2);
    const first = entry('1', 'one');
    const kept = memo.of(first);
    memo.of(entry('2', 'two'));
    memo.of(entry('3', 'three'));
    expect(memo.size).toBe(2);
    expect(memo.of(first)).not.toBe(kept);
    expect(memo.of(first)).toEqual(kept);
  });
});
