import { NEAR_MISSES, PARAPHRASES } from './semantic-guard.cases.js';
import { guardSemanticHit } from './semantic-guard.js';

describe('guardSemanticHit', () => {
  it.each(NEAR_MISSES)('refuses %j for %j on %s', (query, cached, facet) => {
    const verdict = guardSemanticHit(query, cached);
    expect(verdict).toMatchObject({ accepted: false, facet });
    // Symmetric: which of the two was cached does not matter.
    expect(guardSemanticHit(cached, query)).toMatchObject({ accepted: false, facet });
  });

  it.each(PARAPHRASES)('lets %j through for %j', (query, cached) => {
    expect(guardSemanticHit(query, cached)).toEqual({ accepted: true });
    expect(guardSemanticHit(cached, query)).toEqual({ accepted: true });
  });

  it('names the values that differ', () => {
    expect(guardSemanticHit('What is 15% of 80?', 'What is 15% of 90?')).toEqual({
      accepted: false,
      facet: 'numbers',
      reason: '"15 %", "80" vs "15 %", "90"',
    });
  });
});
